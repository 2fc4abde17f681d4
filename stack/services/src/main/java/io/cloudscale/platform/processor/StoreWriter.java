package io.cloudscale.platform.processor;

import io.cloudscale.platform.event.Event;
import io.cloudscale.platform.queue.EventReceiver;
import io.cloudscale.platform.store.EventStore;
import io.cloudscale.platform.store.StoreFailure;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores one message. The message's fate follows the failure's nature:
 * <ul>
 *   <li>stored: DONE, the queue forgets it;</li>
 *   <li>malformed, or refused by the store: FAILED, back to the queue, dead-lettered by the broker at the
 *       delivery limit (never dropped here);</li>
 *   <li>store unreachable, untrusted or the breaker open: the message is held and retried in place with
 *       back-off. It is not the message's fault, so its delivery count must not rise; the queue grows
 *       behind it, which is the symptom operators look for.</li>
 * </ul>
 */
public final class StoreWriter implements EventReceiver.Handler {

    private static final Logger LOG = LoggerFactory.getLogger(StoreWriter.class);

    private final EventStore store;
    private final CircuitBreaker breaker;
    private final Duration maxBackoff;
    private final BooleanSupplier stopping;
    private final Counter outcomes;
    private final int maxSchema;

    public StoreWriter(EventStore store, CircuitBreaker breaker, Duration maxBackoff, BooleanSupplier stopping, PrometheusRegistry registry) {
        this(store, breaker, maxBackoff, stopping, registry, Event.SCHEMA);
    }

    /** @param maxSchema the newest message contract this processor reads (PROCESSOR_MAX_SCHEMA) */
    public StoreWriter(EventStore store, CircuitBreaker breaker, Duration maxBackoff, BooleanSupplier stopping, PrometheusRegistry registry,
                       int maxSchema) {
        this.maxSchema = maxSchema;
        this.store = store;
        this.breaker = breaker;
        this.maxBackoff = maxBackoff;
        this.stopping = stopping;
        this.outcomes = Counter.builder().name("processor_events_total").help("messages handled, by outcome")
                .labelNames("outcome").register(registry);
    }

    @Override
    public EventReceiver.Outcome handle(byte[] body, String messageId, long deliveryCount) {
        Event event;
        try {
            event = Event.fromJson(body, maxSchema);
        } catch (Event.MalformedEvent e) {
            LOG.warn("poison message {} (delivery {}): {}; returned to the queue for dead-lettering", messageId, deliveryCount, e.getMessage());
            outcomes.labelValues("poison").inc();
            return EventReceiver.Outcome.FAILED;
        }
        long backoffMillis = 100;
        while (true) {
            try {
                breaker.executeCheckedRunnable(() -> store.upsert(event));
                outcomes.labelValues("stored").inc();
                return EventReceiver.Outcome.DONE;
            } catch (CallNotPermittedException e) {
                outcomes.labelValues("not_permitted").inc();
            } catch (StoreFailure e) {
                if (!e.isTransient()) {
                    LOG.warn("store refused event {} (delivery {}): {}; returned to the queue for dead-lettering", event.id(), deliveryCount, e.getMessage());
                    outcomes.labelValues("refused").inc();
                    return EventReceiver.Outcome.FAILED;
                }
                LOG.warn("store call failed for event {}: {}", event.id(), e.getMessage());
                outcomes.labelValues("store_error").inc();
            } catch (Throwable e) {
                LOG.error("store call failed for event {}", event.id(), e);
                outcomes.labelValues("store_error").inc();
            }
            if (stopping.getAsBoolean()) {
                // Returned unsettled: the broker redelivers it to the next processor.
                return EventReceiver.Outcome.FAILED;
            }
            sleep(backoffMillis);
            backoffMillis = Math.min(backoffMillis * 2, maxBackoff.toMillis());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
