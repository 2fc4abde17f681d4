package io.cloudscale.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Entry point of the runnable jar. */
public final class Main {

    private Main() {
    }

    /** Progress displays redraw only on a terminal; System.console() says nothing about stderr alone. */
    private static boolean stderrIsTerminal() {
        try {
            return org.fusesource.jansi.internal.CLibrary.isatty(org.fusesource.jansi.internal.CLibrary.STDERR_FILENO) == 1;
        } catch (Throwable e) {
            return false;
        }
    }

    public static void main(String[] args) {
        io.cloudscale.core.Secrets.rememberFrom(System.getenv());
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
        System.exit(Cli.run(context, args));
    }
}
