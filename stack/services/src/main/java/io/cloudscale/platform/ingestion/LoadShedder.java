package io.cloudscale.platform.ingestion;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.time.Duration;

/**
 * Decides, before any work is done, whether a request may go on: 429 when its client is over its rate
 * (a Resilience4j rate limiter per client), 503 when the sends already in flight reach the bound (a
 * Resilience4j bulkhead that never queues). Refusing early is what keeps latency bounded at the limit.
 */
public final class LoadShedder {

    /** Above this many distinct clients the per-client limiters start afresh, so the map cannot grow without bound. */
    static final int MAX_TRACKED_CLIENTS = 10_000;

    private final RateLimiterRegistry limiters;
    private final Bulkhead inFlight;
    private final int clientRate;
    private final int maxInFlight;

    public LoadShedder(int clientRatePerSecond, int maxInFlight) {
        this.clientRate = clientRatePerSecond;
        this.maxInFlight = maxInFlight;
        this.limiters = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(clientRatePerSecond)
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ZERO)
                .build());
        this.inFlight = Bulkhead.of("ingest-in-flight", BulkheadConfig.custom()
                .maxConcurrentCalls(maxInFlight)
                .maxWaitDuration(Duration.ZERO)
                .build());
    }

    /** The verdict on one request. */
    public sealed interface Decision {
        /** Go on; {@link #close()} when the send is over. */
        record Admitted(Bulkhead permit) implements Decision, AutoCloseable {
            @Override
            public void close() {
                permit.onComplete();
            }
        }

        record Shed(int status, int retryAfterSeconds, String reason) implements Decision {
        }
    }

    /** First gate: the client's own rate. */
    public Decision.Shed overRate(String client) {
        if (limiters.getAllRateLimiters().size() > MAX_TRACKED_CLIENTS) {
            limiters.getAllRateLimiters().forEach(limiter -> limiters.remove(limiter.getName()));
        }
        RateLimiter limiter = limiters.rateLimiter(client);
        return limiter.acquirePermission() ? null : new Decision.Shed(429, 1, "client over " + clientRate + " requests/s");
    }

    /** Second gate: room for one more send in flight. */
    public Decision admitSend() {
        if (inFlight.tryAcquirePermission()) {
            return new Decision.Admitted(inFlight);
        }
        return new Decision.Shed(503, 1, "in-flight sends at the limit of " + maxInFlight);
    }

    public int inFlight() {
        return maxInFlight - inFlight.getMetrics().getAvailableConcurrentCalls();
    }
}
