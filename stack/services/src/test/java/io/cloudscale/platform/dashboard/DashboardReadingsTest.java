package io.cloudscale.platform.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DashboardReadingsTest {

    @Test
    void circuitStateAndStoredCountComeFromTheProcessorsExposition() {
        String exposition = """
                # TYPE processor_events_total counter
                processor_events_total{outcome="stored"} 15067.0
                processor_events_total{outcome="poison"} 1.0
                resilience4j_circuitbreaker_state{name="cosmos",state="closed"} 0.0
                resilience4j_circuitbreaker_state{name="cosmos",state="open"} 1.0
                """;
        assertEquals(new ProcessorMetrics.Reading("open", 15067), ProcessorMetrics.parse(exposition));
        assertEquals(new ProcessorMetrics.Reading("unknown", 0), ProcessorMetrics.parse(""));
    }

    @Test
    void throughputIsPerMinuteOverTheWindowAndForgetsARestartedCounter() {
        Throughput throughput = new Throughput(Duration.ofMinutes(1));
        Instant t0 = Instant.parse("2026-11-26T08:00:00Z");
        throughput.record(t0, 100);
        assertNull(throughput.perMinute());
        throughput.record(t0.plusSeconds(30), 400);
        assertEquals(600.0, throughput.perMinute());
        throughput.record(t0.plusSeconds(40), 5); // the processor restarted: no negative rate
        assertNull(throughput.perMinute());
    }
}
