package io.cloudscale.cli;

import io.cloudscale.core.Secrets;
import java.util.OptionalInt;

/**
 * A command line that only asks for the version (`--version`, perhaps with `-o FORMAT`) is answered
 * without building the command tree: picocli's start (its model, read by reflection through
 * annotation proxies generated at run time) is most of what such a run costs. Anything else, or any
 * answer picocli would print differently (format specifiers, markup, an error), is left to picocli.
 */
final class VersionRequest {

    private VersionRequest() {
    }

    /** The exit code when the line was answered here, else empty and nothing printed. */
    static OptionalInt answer(CliContext context, String... args) {
        GlobalOptions options = new GlobalOptions();
        boolean version = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--version") && !version) {
                version = true;
            } else if ((arg.equals("-o") || arg.equals("--output")) && options.output == null && i + 1 < args.length) {
                options.output = args[++i];
            } else if (arg.startsWith("--output=") && options.output == null) {
                options.output = arg.substring("--output=".length());
            } else {
                return OptionalInt.empty();
            }
        }
        if (!version) {
            return OptionalInt.empty();
        }
        String[] lines;
        try {
            Secrets.rememberFrom(context.environment());
            lines = new VersionReport(new Session(context, options)).lines();
        } catch (RuntimeException e) {
            return OptionalInt.empty(); // a bad setting: picocli's path reports it as a usage error
        }
        for (String line : lines) {
            if (line.contains("%") || line.contains("@|")) {
                return OptionalInt.empty();
            }
        }
        for (String line : lines) {
            context.out().println(line);
        }
        context.out().flush();
        return OptionalInt.of(0);
    }
}
