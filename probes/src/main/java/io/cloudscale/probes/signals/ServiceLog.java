package io.cloudscale.probes.signals;

import java.util.List;

/**
 * A service's recent log lines, read from {@code source} (a container, a pod): those of its current run, and those
 * of the run before when it restarted. Both empty when the service has no container or pod to read.
 */
public record ServiceLog(String service, String source, List<String> previousRun, List<String> currentRun) {

    public ServiceLog {
        previousRun = List.copyOf(previousRun);
        currentRun = List.copyOf(currentRun);
    }
}
