package io.cloudscale.probes.signals;

import java.time.Duration;
import java.util.Map;

/**
 * Requests the gateway served over a window (its own stub_status reads excluded) and, from its
 * access log, the clients' requests by status class (2xx, 429, 503, 4xx, 5xx). {@code clientRequests}
 * is null when the access log could not be read; then stub_status, which also counts health checks,
 * is all there is.
 */
public record Throughput(boolean gatewayAnswered, double requestsPerSecond, long requests, Duration window,
                         Map<String, Long> statusClasses, Long clientRequests, String error) {

    public Throughput(boolean gatewayAnswered, double requestsPerSecond, long requests, Duration window,
                      Map<String, Long> statusClasses, String error) {
        this(gatewayAnswered, requestsPerSecond, requests, window, statusClasses, null, error);
    }

    public boolean trafficArriving() {
        return gatewayAnswered && (clientRequests != null ? clientRequests > 0 : requests > 0);
    }

    /** Responses the platform sheds load with (429, 503) in the window. */
    public long rejected() {
        return statusClasses.getOrDefault("429", 0L) + statusClasses.getOrDefault("503", 0L);
    }

    public boolean rejecting() {
        return rejected() > 0;
    }
}
