package io.cloudscale.core;

import java.util.Optional;

/**
 * A failure the operator can act on. Each subtype maps to one exit code, so the CLI
 * never has to guess how bad an error is; the message is one line, the hint says what to do next.
 */
public abstract sealed class CloudscaleException extends RuntimeException
        permits CloudscaleException.ProblemFound, CloudscaleException.Usage,
                CloudscaleException.Unreachable, CloudscaleException.Internal {

    private final String hint;

    private CloudscaleException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    public abstract ExitCode exitCode();

    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }

    /** A check ran and found the platform (or the operator's machine) unhealthy. */
    public static final class ProblemFound extends CloudscaleException {
        public ProblemFound(String message, String hint) {
            super(message, hint, null);
        }

        @Override
        public ExitCode exitCode() {
            return ExitCode.PROBLEM;
        }
    }

    /** The operator asked for something that cannot mean anything: bad value, bad file, bad key. */
    public static final class Usage extends CloudscaleException {
        public Usage(String message, String hint) {
            super(message, hint, null);
        }

        public Usage(String message, String hint, Throwable cause) {
            super(message, hint, cause);
        }

        @Override
        public ExitCode exitCode() {
            return ExitCode.USAGE;
        }
    }

    /** What we need to talk to is not there: the Docker engine, the stack, a server. */
    public static final class Unreachable extends CloudscaleException {
        private final boolean noEngine;

        public Unreachable(String message, String hint, Throwable cause) {
            this(message, hint, cause, false);
        }

        private Unreachable(String message, String hint, Throwable cause, boolean noEngine) {
            super(message, hint, cause);
            this.noEngine = noEngine;
        }

        /** No Docker engine answers: the one unreachable thing `cloudscale setup` can provide. */
        public static Unreachable noEngine(String message, String hint, Throwable cause) {
            return new Unreachable(message, hint, cause, true);
        }

        public boolean noEngine() {
            return noEngine;
        }

        @Override
        public ExitCode exitCode() {
            return ExitCode.UNREACHABLE;
        }
    }

    /** A bug of ours; the message says what we were doing. */
    public static final class Internal extends CloudscaleException {
        public Internal(String message, Throwable cause) {
            super(message, "rerun with -x for the stack trace and report it", cause);
        }

        @Override
        public ExitCode exitCode() {
            return ExitCode.INTERNAL;
        }
    }
}
