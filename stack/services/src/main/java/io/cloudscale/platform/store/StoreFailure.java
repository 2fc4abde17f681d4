package io.cloudscale.platform.store;

/**
 * A failed store call. Transient failures (unreachable, throttled, TLS refused, 5xx) say nothing about the
 * event and are worth retrying; they count against the circuit breaker. A permanent failure is the
 * event's own fault (the store refuses this document) and goes back to the queue towards dead-lettering.
 */
public final class StoreFailure extends Exception {

    private final boolean transientFailure;

    public StoreFailure(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
