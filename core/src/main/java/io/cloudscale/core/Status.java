package io.cloudscale.core;

/** How a check or probe came out. UNKNOWN means it could not look, never that all is well. */
public enum Status {
    OK("✓"),
    WARN("!"),
    FAIL("✗"),
    UNKNOWN("?");

    private final String symbol;

    Status(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public Status worst(Status other) {
        return other.severity() > severity() ? other : this;
    }

    private int severity() {
        return switch (this) {
            case OK -> 0;
            case UNKNOWN -> 1;
            case WARN -> 2;
            case FAIL -> 3;
        };
    }
}
