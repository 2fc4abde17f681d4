package io.cloudscale.cli;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.ExitCode;
import io.cloudscale.core.Secrets;
import io.cloudscale.core.json.Envelope;
import io.cloudscale.core.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure into an exit code and one line on stderr (plus a hint), never a stack trace
 * unless -x asked for one. With -o json, scripts also get an error document on stdout.
 */
final class ErrorReporter implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {

    record ErrorView(int exitCode, String error, String message, String hint) {
    }

    private final Session session;

    ErrorReporter(Session session) {
        this.session = session;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        StringBuilder message = new StringBuilder(ex.getMessage());
        if (ex instanceof UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                message.append(" (did you mean ").append(String.join(" or ", suggestions)).append("?)");
            }
        }
        String hint = "see '" + command.getCommandSpec().qualifiedName() + " --help'";
        return report(ExitCode.USAGE, "usage", message.toString(), hint, ex);
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine command, CommandLine.ParseResult parseResult) {
        if (ex instanceof CloudscaleException known) {
            return report(known.exitCode(), kind(known.exitCode()), known.getMessage(), known.hint().orElse(null), ex);
        }
        if (ex instanceof ParameterException parameter) {
            return handleParseException(parameter, new String[0]);
        }
        String what = ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + firstLine(ex.getMessage()));
        return report(ExitCode.INTERNAL, "internal", "internal error: " + what,
                "rerun with -x for the stack trace", ex);
    }

    private int report(ExitCode code, String kind, String message, String hint, Throwable cause) {
        PrintWriter err = session.context().err();
        err.println(Secrets.redact("cloudscale: " + firstLine(message)));
        if (hint != null) {
            err.println(Secrets.redact("  hint: " + hint));
        }
        if (session.options().stacktrace()) {
            StringWriter trace = new StringWriter();
            cause.printStackTrace(new PrintWriter(trace));
            err.print(Secrets.redact(trace.toString()));
        }
        err.flush();
        if (wantsJson()) {
            session.context().out().println(Json.write(Envelope.of("error", new ErrorView(code.code(), kind, firstLine(message), hint))));
            session.context().out().flush();
        }
        return code.code();
    }

    /** The error may be the configuration itself; then fall back to text rather than fail twice. */
    private boolean wantsJson() {
        try {
            return session.json();
        } catch (CloudscaleException e) {
            return "json".equals(session.options().output);
        }
    }

    private static String kind(ExitCode code) {
        return switch (code) {
            case HEALTHY -> "none";
            case PROBLEM -> "problem";
            case USAGE -> "usage";
            case UNREACHABLE -> "unreachable";
            case INTERNAL -> "internal";
        };
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("");
    }
}
