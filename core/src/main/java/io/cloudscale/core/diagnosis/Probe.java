package io.cloudscale.core.diagnosis;

/**
 * Observes one signal: a spec and an observation. The engine calls it at most once per diagnosis, on a virtual
 * thread, times it, and turns a probe that outlives its spec's deadline or throws into an UNKNOWN observation.
 */
public interface Probe<T> {

    ProbeSpec<T> spec();

    /**
     * Looks. A probe that looks over a window asks {@code settled} after each look and may stop early when it says so;
     * one without a window answers at once.
     */
    Observation<T> observe(Settled settled) throws Exception;

    /** Looks over the probe's whole window, if it has one. */
    default Observation<T> observe() throws Exception {
        return observe(Settled.NEVER);
    }

    default String name() {
        return spec().name();
    }
}
