package io.cloudscale.core;

/** The process exit codes every command honours; scripts depend on them, so they never change meaning. */
public enum ExitCode {
    HEALTHY(0, "healthy, or nothing to do"),
    PROBLEM(1, "problem found, or fix not applied"),
    USAGE(2, "usage error: bad option, argument or configuration"),
    UNREACHABLE(3, "environment unreachable: no Docker engine, or the stack is not running"),
    INTERNAL(4, "internal error (rerun with -x for the stack trace)");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
