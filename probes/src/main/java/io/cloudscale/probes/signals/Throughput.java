package io.cloudscale.probes.signals;

import java.time.Duration;
import java.util.Map;

/**
 * Requests the gateway served over a window (its own stub_status reads excluded) and, from its
 * access log, recent responses by status class (2xx, 429, 503, 4xx, 5xx).
 */
public record Throughput(boolean gatewayAnswered, double requestsPerSecond, long requests, Duration window,
                         Map<String, Long> statusClasses, String error) {

    public boolean trafficArriving() {
        return gatewayAnswered && requests > 0;
    }
}
