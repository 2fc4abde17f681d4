package io.cloudscale.platform.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cloudscale.platform.event.Event;
import io.cloudscale.platform.event.EventValidator;
import io.cloudscale.platform.queue.EventReceiver.Outcome;
import io.cloudscale.platform.store.EventStore;
import io.cloudscale.platform.store.StoreFailure;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The store here is a scripted stand-in (its failures are what is under test); the real store runs in OfflineStackIT. */
class StoreWriterTest {

    /** Answers each upsert with the next scripted failure, or stores when the script is empty. */
    static final class ScriptedStore implements EventStore {
        final Deque<StoreFailure> failures = new ArrayDeque<>();
        final List<String> stored = new ArrayList<>();
        int calls;

        @Override
        public void upsert(Event event) throws StoreFailure {
            calls++;
            StoreFailure next = failures.poll();
            if (next != null) {
                throw next;
            }
            stored.add(event.id());
        }

        @Override
        public void close() {
        }
    }

    final ScriptedStore store = new ScriptedStore();
    final List<String> breakerLog = new ArrayList<>();
    final CircuitBreaker breaker = CosmosBreaker.create(Duration.ofMillis(200), breakerLog::add);
    final AtomicBoolean stopping = new AtomicBoolean();
    final StoreWriter writer = new StoreWriter(store, breaker, Duration.ofMillis(50), stopping::get, new PrometheusRegistry());

    static byte[] event(String id) {
        var valid = (EventValidator.Result.Valid) new EventValidator(Clock.systemUTC())
                .validate(("{\"id\":\"" + id + "\",\"type\":\"t\",\"source\":\"s\"}").getBytes(StandardCharsets.UTF_8));
        return valid.event().toJson();
    }

    @Test
    void aStoredEventIsDone() {
        assertEquals(Outcome.DONE, writer.handle(event("e1"), "e1", 1));
        assertEquals(List.of("e1"), store.stored);
    }

    @Test
    void aPoisonMessageGoesBackForDeadLetteringWithoutTouchingTheStore() {
        assertEquals(Outcome.FAILED, writer.handle("not an event".getBytes(StandardCharsets.UTF_8), "m1", 3));
        assertEquals(0, store.calls);
    }

    @Test
    void aMessageFromAProducerAheadOfThisConsumersContractIsPoisonAndTheSameEventAtTheKnownVersionIsStored() {
        var valid = (EventValidator.Result.Valid) new EventValidator(Clock.systemUTC(), 2)
                .validate("{\"id\":\"v2\",\"type\":\"t\",\"source\":\"s\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(Outcome.FAILED, writer.handle(valid.event().toJson(), "v2", 1));
        assertEquals(0, store.calls);

        StoreWriter upgraded = new StoreWriter(store, breaker, Duration.ofMillis(50), stopping::get, new PrometheusRegistry(), 2);
        assertEquals(Outcome.DONE, upgraded.handle(valid.event().toJson(), "v2", 1));
        assertEquals(List.of("v2"), store.stored);
    }

    @Test
    void aDocumentTheStoreRefusesGoesBackForDeadLettering() {
        store.failures.add(new StoreFailure("status 400", false, null));
        assertEquals(Outcome.FAILED, writer.handle(event("e2"), "e2", 1));
        assertEquals(CircuitBreaker.State.CLOSED, breaker.getState());
    }

    @Test
    void whileTheStoreIsSickTheMessageIsHeldAndRetriedUntilItIsStored() {
        for (int i = 0; i < 6; i++) {
            store.failures.add(new StoreFailure("PKIX path building failed", true, null));
        }
        // the breaker opens after 5 failures, refuses calls for 200 ms, half-opens, and the 7th call stores
        assertEquals(Outcome.DONE, writer.handle(event("e3"), "e3", 1));
        assertEquals(List.of("e3"), store.stored);
        assertEquals(7, store.calls);
        assertEquals("CircuitBreaker 'cosmos' changed state from CLOSED to OPEN",
                breakerLog.getFirst().substring(breakerLog.getFirst().indexOf("CircuitBreaker")));
    }

    @Test
    void onShutdownAHeldMessageIsReturnedUnsettledNotLost() {
        store.failures.add(new StoreFailure("connection refused", true, null));
        stopping.set(true);
        assertEquals(Outcome.FAILED, writer.handle(event("e4"), "e4", 1));
        assertEquals(List.of(), store.stored);
    }
}
