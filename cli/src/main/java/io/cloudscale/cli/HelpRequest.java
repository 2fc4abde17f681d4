package io.cloudscale.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/**
 * `cloudscale --help` (or `-h`) alone, written to anything but a terminal, is answered with the page
 * picocli rendered for that case when the jar was built ({@link HelpPage}): picocli's start (its
 * model, read by reflection through annotation proxies generated at run time, and its layout) is most
 * of what such a run costs. On a terminal the page has the terminal's width and colour, so the line
 * goes to picocli, as does any other line, and any run whose rendering picocli's system properties
 * (picocli.usage.width, picocli.trace, ...) or the platform's line separator could change.
 * This class references no picocli type, so none of it is loaded.
 */
final class HelpRequest {

    /** Where the build puts the page, next to this class. */
    static final String PAGE = "help.txt";

    private HelpRequest() {
    }

    /** The exit code when the line was answered here, else empty and nothing printed. */
    static OptionalInt answer(CliContext context, String... args) {
        if (args.length != 1 || !(args[0].equals("--help") || args[0].equals("-h")) || context.stdoutIsTerminal()
                || !System.lineSeparator().equals("\n") || picocliTuned()) {
            return OptionalInt.empty();
        }
        String page;
        try (InputStream in = HelpRequest.class.getResourceAsStream(PAGE)) {
            if (in == null) {
                return OptionalInt.empty(); // built without the page (an IDE's compile): picocli renders it
            }
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return OptionalInt.empty();
        }
        context.out().print(page);
        context.out().flush();
        return OptionalInt.of(0);
    }

    private static boolean picocliTuned() {
        for (Object name : System.getProperties().keySet()) {
            if (name instanceof String key && key.startsWith("picocli.")) {
                return true;
            }
        }
        return false;
    }
}
