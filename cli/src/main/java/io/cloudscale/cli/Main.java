package io.cloudscale.cli;

import io.cloudscale.core.LocalHttp;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/** Entry point of the runnable jar. */
public final class Main {

    private Main() {
    }

    /**
     * Progress displays redraw only on a terminal; System.console() says nothing about stderr alone.
     * On Linux the descriptor's link names its device; elsewhere Jansi asks isatty, which costs every
     * run the extraction of its native library into the temporary folder.
     */
    private static boolean stderrIsTerminal() {
        Path stderr = Path.of("/proc/self/fd/2");
        try {
            if (Files.isDirectory(Path.of("/proc/self/fd"))) {
                String device = Files.isSymbolicLink(stderr) ? Files.readSymbolicLink(stderr).toString() : "";
                return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty") || device.equals("/dev/console");
            }
            return org.fusesource.jansi.internal.CLibrary.isatty(org.fusesource.jansi.internal.CLibrary.STDERR_FILENO) == 1;
        } catch (Throwable e) {
            return false;
        }
    }

    public static void main(String[] args) {
        System.setErr(new java.io.PrintStream(new RedactingOutputStream(new java.io.FileOutputStream(java.io.FileDescriptor.err)), true,
                StandardCharsets.UTF_8));
        Logging.configureDefaults();
        java.io.Console console = System.console();
        boolean stdoutTerminal = console != null && console.isTerminal();
        CliContext context = new CliContext(
                new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8)),
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                System.getenv(),
                Path.of("").toAbsolutePath(),
                Path.of(System.getProperty("user.home")),
                stdoutTerminal,
                stdoutTerminal,
                stderrIsTerminal());
        OptionalInt answered = answeredWithoutPicocli(context, args);
        if (answered.isPresent() && answered.getAsInt() == 0) {
            // Nothing else runs in this JVM (no thread was started): it ends as main returns, with status 0,
            // without Runtime.exit's look-up of its System.Logger (the logging back end's set-up: a fifth of
            // the CPU such a run takes).
            return;
        }
        int exitCode = answered.isPresent() ? answered.getAsInt() : Cli.run(context, args);
        LocalHttp.shutdown(); // its selector thread waits in native code, which the JVM's exit would wait out (300 ms)
        System.exit(exitCode);
    }

    /**
     * A line that only asks for the version, or only for the help away from a terminal, is answered
     * without picocli (this class and those paths reference none of its types, so none of it is
     * loaded); every other line goes through it.
     */
    static int run(CliContext context, String... args) {
        OptionalInt answered = answeredWithoutPicocli(context, args);
        return answered.isPresent() ? answered.getAsInt() : Cli.run(context, args);
    }

    private static OptionalInt answeredWithoutPicocli(CliContext context, String... args) {
        OptionalInt answered = VersionRequest.answer(context, args);
        return answered.isPresent() ? answered : HelpRequest.answer(context, args);
    }
}
