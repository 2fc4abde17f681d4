package io.cloudscale.core.diagnosis;

import java.time.Duration;

/**
 * Observes one signal. The engine calls it at most once per diagnosis, on a virtual thread, and
 * turns a probe that outlives {@link #deadline()} or throws into an UNKNOWN observation.
 */
public interface Probe<T> {

    String name();

    /** One line: what it looks at. */
    String description();

    /** Relative cost to run it (1 = a local read, 10 = a sampling window): cheap, likely checks go first. */
    double cost();

    Duration deadline();

    /** Looks over the probe's whole window, if it has one. */
    Observation<T> observe() throws Exception;

    /**
     * A probe that looks over a window asks {@code settled} after each look and may stop early when it says so;
     * one without a window answers at once, as {@link #observe()}.
     */
    default Observation<T> observe(Settled settled) throws Exception {
        return observe();
    }
}
