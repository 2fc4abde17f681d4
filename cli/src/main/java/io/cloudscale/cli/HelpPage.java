package io.cloudscale.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/**
 * Renders, at build time, the page {@link HelpRequest} answers `--help` with: picocli's own top-level
 * usage, as it prints it to anything but a terminal (no colour; width 80, since picocli sizes help to
 * the terminal only when there is one). The build runs {@link #main} after compiling; the page is
 * written next to the compiled classes, so the jar always carries the page of its own commands.
 */
public final class HelpPage {

    private HelpPage() {
    }

    /** {@code args[0]}: the folder of compiled classes. */
    public static void main(String[] args) throws IOException {
        Path page = Path.of(args[0]).resolve(HelpRequest.class.getPackageName().replace('.', '/')).resolve(HelpRequest.PAGE);
        Files.createDirectories(page.getParent());
        Files.writeString(page, render(), StandardCharsets.UTF_8);
    }

    /** The top-level help as picocli prints it when stdout is not a terminal. */
    static String render() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path here = Path.of("").toAbsolutePath();
        CliContext context = new CliContext(new BufferedReader(new StringReader("")), new PrintWriter(out, true),
                new PrintWriter(err, true), Map.of(), here, here, false, false, false);
        String[] line = {"--help"};
        CommandLine commandLine = Cli.create(context, line);
        // what auto width comes to without a terminal, whether or not the build runs on one
        commandLine.setUsageHelpAutoWidth(false);
        int exit = commandLine.execute(line);
        if (exit != 0 || !err.toString().isEmpty()) {
            throw new IllegalStateException("--help exited " + exit + ": " + err);
        }
        return out.toString();
    }
}
