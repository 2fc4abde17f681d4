package io.cloudscale.stack.lifecycle;

import io.cloudscale.probes.ports.PortFinding;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What `up` did: refused at preflight (with the holders and the fix command), or started the services
 * and how each one ended; the endpoints when all are healthy. {@code missingImages}: when compose failed, the
 * images of the profile that the engine does not have (compose could neither find, pull nor build them).
 */
public record UpResult(String project, String profile, boolean started, List<PortFinding> blockingPorts, String fixCommand,
                       List<ServiceOutcome> services, Map<String, String> endpoints, Duration took, String composeError,
                       List<String> missingImages) {

    public UpResult {
        missingImages = List.copyOf(missingImages);
    }

    /** One service at the end of `up`; for a failed one, its exit code, last log lines and what was cleaned. */
    public record ServiceOutcome(String service, String result, Duration elapsed, String detail, Integer exitCode,
                                 List<String> lastLogs, List<String> cleaned) {
        public boolean healthy() {
            return "healthy".equals(result);
        }
    }

    public boolean healthy() {
        return started && !services.isEmpty() && services.stream().allMatch(ServiceOutcome::healthy);
    }

    /** Why the stack is not healthy, in one line; null when it is. */
    public String problem() {
        if (healthy()) {
            return null;
        }
        if (!started) {
            return "up refused to start: a port is held (" + fixCommand + ")";
        }
        return "not healthy: " + services.stream().filter(service -> !service.healthy())
                .map(service -> service.service() + " " + service.detail()).toList();
    }
}
