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

    Observation<T> observe() throws Exception;
}
