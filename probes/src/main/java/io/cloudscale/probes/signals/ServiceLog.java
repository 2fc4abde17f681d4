package io.cloudscale.probes.signals;

import java.util.List;

/**
 * A service's recent log lines, read from {@code source} (a container's name; a pod and its container): those of its current run, and those
 * of the run before when it restarted. Both empty when the service has no container or pod to read ({@code source}
 * null). {@code complete} is false when the read ran out of time: the lines are what arrived before.
 */
public record ServiceLog(String service, String source, List<String> previousRun, List<String> currentRun, boolean complete) {

    public ServiceLog {
        previousRun = List.copyOf(previousRun);
        currentRun = List.copyOf(currentRun);
    }

    /** The previous run's lines, then the current run's. */
    public List<String> lines() {
        List<String> lines = new java.util.ArrayList<>(previousRun);
        lines.addAll(currentRun);
        return lines;
    }
}
