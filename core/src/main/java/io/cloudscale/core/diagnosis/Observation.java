package io.cloudscale.core.diagnosis;

import io.cloudscale.core.Status;
import java.time.Duration;
import java.util.List;

/**
 * What one probe saw: how it came out, a typed value for the tree's questions, the evidence lines a
 * person can check, and how long it took. UNKNOWN carries {@code reason}: what could not be checked.
 */
public record Observation<T>(String probe, Status status, T value, List<Evidence> evidence, Duration duration, String reason) {

    public Observation {
        evidence = List.copyOf(evidence);
    }

    /** What a probe saw; the engine that ran it stamps how long it took ({@link #took}). */
    public static <T> Observation<T> of(String probe, Status status, T value, List<Evidence> evidence) {
        return new Observation<>(probe, status, value, evidence, Duration.ZERO, null);
    }

    public static <T> Observation<T> unknown(String probe, String reason) {
        return new Observation<>(probe, Status.UNKNOWN, null, List.of(), Duration.ZERO, reason);
    }

    /** A probe that could look but not read what it found: a problem of what it reads, not an UNKNOWN. */
    public static <T> Observation<T> unreadable(String probe, Status status, String reason) {
        return new Observation<>(probe, status, null, List.of(), Duration.ZERO, reason);
    }

    public Observation<T> took(Duration took) {
        return new Observation<>(probe, status, value, evidence, took, reason);
    }

    public boolean known() {
        return status != Status.UNKNOWN && value != null;
    }
}
