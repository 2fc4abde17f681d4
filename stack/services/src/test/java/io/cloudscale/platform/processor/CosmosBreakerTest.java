package io.cloudscale.platform.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudscale.platform.store.StoreFailure;
import io.cloudscale.probes.logs.LogScanner;
import io.cloudscale.probes.logs.Signature;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CosmosBreakerTest {

    final List<String> logged = new ArrayList<>();
    final CircuitBreaker breaker = CosmosBreaker.create(Duration.ofMinutes(1), logged::add);

    void fail(boolean transientFailure) {
        assertThrows(StoreFailure.class, () -> breaker.executeCheckedRunnable(() -> {
            throw new StoreFailure("boom", transientFailure, null);
        }));
    }

    @Test
    void transientStoreFailuresOpenTheCircuitNamedCosmos() {
        assertEquals("cosmos", breaker.getName());
        for (int i = 0; i < 5; i++) {
            fail(true);
        }
        assertEquals(CircuitBreaker.State.OPEN, breaker.getState());
        assertThrows(CallNotPermittedException.class, () -> breaker.executeCheckedRunnable(() -> { }));
    }

    @Test
    void aDocumentTheStoreRefusesSaysNothingAboutTheStore() {
        for (int i = 0; i < 10; i++) {
            fail(false);
        }
        assertEquals(CircuitBreaker.State.CLOSED, breaker.getState());
    }

    @Test
    void stateChangesAndRefusedCallsAreLoggedInResilience4jsOwnWordsWhichTheToolRecognises() {
        for (int i = 0; i < 5; i++) {
            fail(true);
        }
        assertThrows(CallNotPermittedException.class, () -> breaker.executeCheckedRunnable(() -> { }));

        assertTrue(logged.get(0).endsWith("CircuitBreaker 'cosmos' changed state from CLOSED to OPEN"), logged.get(0));
        assertTrue(logged.get(1).endsWith("CircuitBreaker 'cosmos' recorded a call which was not permitted."), logged.get(1));
        // the line the processor prints, through the tool's own log scanner
        String line = "2026-11-26T07:37:37.022Z WARN EventProcessor - " + logged.get(0);
        LogScanner scanner = new LogScanner(Signature.platform());
        scanner.accept(line);
        assertTrue(scanner.matches().stream().anyMatch(match -> match.signature().equals("circuit-open")), scanner.matches().toString());
    }
}
