package io.cloudscale.platform.dashboard;

import io.cloudscale.platform.queue.QueueDepth;
import io.cloudscale.platform.store.CosmosDocumentCount;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the pipeline's state on a schedule so that page loads never hit the store or the broker.
 * A part that cannot be read shows as null with the reason, never as a zero.
 *
 * <p>The store's count is the truth for "events stored", but a count is a scan on a Cosmos-compatible
 * server without an index: it is taken at most every {@link #COUNT_COST_FACTOR} times its own duration,
 * so the dashboard never costs the store more than a tenth of its time. The rate comes from the
 * processor's own counter, which is cheap to read every few seconds.
 */
final class PipelineSampler {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineSampler.class);
    static final int COUNT_COST_FACTOR = 10;

    /** The page's data; null meaning "could not be read" (see {@code errors}). */
    record Summary(String at, Long storedEvents, String storedCountedAt, Double storedPerMinute, Long queueDepth,
                   Long deadLettered, String circuit, Map<String, String> errors) {
    }

    /** Makes the store counter, which needs the store's certificate and so may fail until the store is up. */
    interface CounterFactory {
        CosmosDocumentCount create() throws Exception;
    }

    private final CounterFactory counters;
    private final QueueDepth depth;
    private final ProcessorMetrics processor;
    private final Throughput throughput;
    private final Clock clock;
    private CosmosDocumentCount counter;
    private Long stored;
    private Instant storedAt;
    private String storeError;
    private Instant nextCount = Instant.MIN;
    private volatile Summary latest;

    PipelineSampler(CounterFactory counters, QueueDepth depth, ProcessorMetrics processor, Throughput throughput, Clock clock) {
        this.counters = counters;
        this.depth = depth;
        this.processor = processor;
        this.throughput = throughput;
        this.clock = clock;
    }

    Summary latest() {
        return latest;
    }

    void runEvery(Duration every) throws InterruptedException {
        while (true) {
            sample(every);
            Thread.sleep(every.toMillis());
        }
    }

    void sample(Duration every) {
        Map<String, String> errors = new TreeMap<>();
        Instant now = clock.instant();
        if (!now.isBefore(nextCount)) {
            countStore(now, every);
        }
        if (storeError != null) {
            errors.put("store", storeError);
        }
        Long waiting = null;
        Long dead = null;
        try {
            QueueDepth.Depth reading = depth.depth();
            waiting = reading.waiting();
            dead = reading.deadLettered();
        } catch (Exception e) {
            errors.put("queue", describe(e));
        }
        String circuit = null;
        try {
            ProcessorMetrics.Reading reading = processor.read();
            circuit = reading.circuit();
            throughput.record(now, reading.stored());
        } catch (Exception e) {
            errors.put("processor", describe(e));
        }
        if (!errors.isEmpty()) {
            LOG.debug("partial reading: {}", errors);
        }
        latest = new Summary(now.toString(), stored, storedAt == null ? null : storedAt.toString(), throughput.perMinute(),
                waiting, dead, circuit, errors);
    }

    private void countStore(Instant now, Duration every) {
        long started = System.nanoTime();
        try {
            if (counter == null) {
                counter = counters.create();
            }
            stored = counter.count();
            storedAt = now;
            storeError = null;
        } catch (Exception e) {
            storeError = describe(e);
            stored = null;
            counter = null; // next time fetch the certificate again: the store may have been re-created
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Duration wait = took.multipliedBy(COUNT_COST_FACTOR);
        nextCount = now.plus(wait.compareTo(every) > 0 ? wait : every);
    }

    void register(PrometheusRegistry registry) {
        GaugeWithCallback.builder().name("dashboard_stored_events").help("events in the store at the last count")
                .callback(callback -> {
                    Summary summary = latest;
                    if (summary != null && summary.storedEvents() != null) {
                        callback.call(summary.storedEvents());
                    }
                }).register(registry);
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
    }
}
