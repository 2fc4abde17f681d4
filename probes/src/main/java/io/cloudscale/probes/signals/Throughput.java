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

    static final double MATERIAL = 0.05;

    public boolean trafficArriving() {
        return gatewayAnswered && (clientRequests != null ? clientRequests > 0 : requests > 0);
    }

    /** Responses the platform sheds load with (429, 503) in the window. */
    public long rejected() {
        return statusClasses.getOrDefault("429", 0L) + statusClasses.getOrDefault("503", 0L);
    }

    /**
     * Rejections that are a material share of what clients sent: load shed on purpose. A stray 503 while a
     * service reconnects is not what keeps the dashboard at 0.
     */
    public boolean rejecting() {
        return material(rejected());
    }

    /** Answers 5xx other than 503: the gateway's upstream failing (502, 504) or the API failing (500). */
    public long upstreamFailures() {
        return statusClasses.getOrDefault("5xx", 0L);
    }

    /** Upstream failures that are a material share of what clients sent. */
    public boolean upstreamFailing() {
        return material(upstreamFailures());
    }

    /** A share that counts: at least {@link #MATERIAL} of the clients' requests (any, when they were not counted). */
    private boolean material(long answers) {
        long sent = clientRequests != null ? clientRequests : requests;
        return answers > 0 && (sent == 0 || answers >= MATERIAL * sent);
    }
}
