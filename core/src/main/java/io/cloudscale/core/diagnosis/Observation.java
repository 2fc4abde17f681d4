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

    public static <T> Observation<T> of(String probe, Status status, T value, List<Evidence> evidence, Duration duration) {
        return new Observation<>(probe, status, value, evidence, duration, null);
    }

    public static <T> Observation<T> unknown(String probe, String reason, Duration duration) {
        return new Observation<>(probe, Status.UNKNOWN, null, List.of(), duration, reason);
    }

    public boolean known() {
        return status != Status.UNKNOWN && value != null;
    }
}
