package io.cloudscale.cli.render;

import io.cloudscale.cli.CliContext;
import io.cloudscale.core.Secrets;
import io.cloudscale.core.Status;
import io.cloudscale.core.json.Envelope;
import io.cloudscale.core.json.Json;
import org.fusesource.jansi.Ansi;

/**
 * The rendering boundary: results to stdout, progress and diagnostics to stderr, colour only when
 * wanted, and every line passed through secret redaction on its way out.
 */
public record Printer(CliContext context, boolean json, boolean color, boolean quiet) {

    public void document(String kind, Object data) {
        context.out().println(Json.write(Envelope.of(kind, data)));
        context.out().flush();
    }

    public void line(String text) {
        context.out().println(Secrets.redact(text));
        context.out().flush();
    }

    /** Progress for a person watching; silent under --quiet, never mixed into results. */
    public void progress(String text) {
        if (!quiet) {
            context.err().println(Secrets.redact(text));
            context.err().flush();
        }
    }

    public void error(String text) {
        context.err().println(Secrets.redact(text));
        context.err().flush();
    }

    public String symbol(Status status) {
        return paint(status.symbol(), switch (status) {
            case OK -> Ansi.Color.GREEN;
            case WARN -> Ansi.Color.YELLOW;
            case FAIL -> Ansi.Color.RED;
            case UNKNOWN -> Ansi.Color.MAGENTA;
        });
    }

    public String bold(String text) {
        return color ? Ansi.ansi().bold().a(text).reset().toString() : text;
    }

    public String dim(String text) {
        return color ? Ansi.ansi().fgBrightBlack().a(text).reset().toString() : text;
    }

    private String paint(String text, Ansi.Color colour) {
        return color ? Ansi.ansi().fg(colour).bold().a(text).reset().toString() : text;
    }
}
