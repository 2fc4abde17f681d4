package io.cloudscale.core;

/** How a failure is told to an operator in one line: its message's first line, or its type when it has none. */
public final class Failures {

    private Failures() {
    }

    public static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null ? failure.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
