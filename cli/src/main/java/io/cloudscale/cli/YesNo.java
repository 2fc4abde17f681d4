package io.cloudscale.cli;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/** The tool's one y/N question: asked on stderr, only at a terminal; "y" or "yes" (any case) is yes, anything else no. */
public final class YesNo {

    private YesNo() {
    }

    /** Empty when stdin is not a terminal to ask on (or it closed): the caller says what flag answers instead. */
    public static Optional<Boolean> ask(CliContext context, String question) {
        if (!context.stdinIsTerminal()) {
            return Optional.empty();
        }
        synchronized (context) {
            context.err().print(question + " [y/N] ");
            context.err().flush();
            try {
                String answer = context.in().readLine();
                return Optional.of(answer != null && answer.strip().toLowerCase(Locale.ROOT).matches("y|yes"));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }
}
