package io.cloudscale.stack.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudscale.core.json.Json;
import io.cloudscale.probes.signals.ServiceState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The `watch` document keeps its services' shape (docs/json.md) now that they are the one {@link ServiceState} record. */
class PipelineWatchDocumentTest {

    private static final Instant STARTED = Instant.parse("2026-12-02T12:00:00Z");

    private static JsonNode document(ServiceState state) {
        var reading = new PipelineReadings.Reading(STARTED.plusSeconds(60), 10L, 5L, null, null, 0L, 0L, "CLOSED", Map.of());
        var frame = new PipelineWatch.Frame(reading, 1.5, null, Duration.ofSeconds(1), List.of(0L), Map.of(state.service(), state));
        return Json.mapper().valueToTree(frame);
    }

    @Test
    void aRunningServiceIsShownWithTheFieldsAndOrderTheDocumentAlwaysHad() {
        ServiceState gateway = new ServiceState("gateway", "cloudscale-gateway-1", "running", "healthy", 0, null, false, false,
                "abc123", STARTED, List.of("8080->80"), List.of("cloudscale_default"));

        JsonNode document = document(gateway);

        assertEquals(List.of("reading", "ingestPerSecond", "tick", "queueTrend", "services"), fieldNames(document));
        JsonNode shown = document.get("services").get("gateway");
        assertEquals(List.of("service", "containerId", "containerName", "state", "health", "exitCode", "restarts", "startedAt", "ports", "networks"),
                fieldNames(shown));
        assertEquals("cloudscale-gateway-1", shown.get("containerName").asText());
        assertEquals(0, shown.get("exitCode").asInt(), "the engine's exit code of a running container");
        assertEquals("8080->80", shown.get("ports").get(0).asText());
    }

    @Test
    void anExitedServiceShowsItsExitCodeAndNoHealth() {
        ServiceState processor = new ServiceState("event-processor", "cloudscale-event-processor-1", "exited", null, 2, 137, true, false,
                "def456", STARTED, List.of(), List.of("cloudscale_default"));

        JsonNode shown = document(processor).get("services").get("event-processor");

        assertEquals(List.of("service", "containerId", "containerName", "state", "exitCode", "restarts", "startedAt", "ports", "networks"),
                fieldNames(shown));
        assertEquals(137, shown.get("exitCode").asInt());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
