package io.cloudscale.probes.signals;

/**
 * A dependency answered, but not with what was asked: it is reachable (so not "environment unreachable"),
 * and what it said cannot be read as the signal. The message says what was asked, what came back and what is missing.
 */
public final class BadAnswer extends Exception {
    public BadAnswer(String message) {
        super(message);
    }
}
