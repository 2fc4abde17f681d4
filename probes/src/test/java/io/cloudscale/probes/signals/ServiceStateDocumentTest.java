package io.cloudscale.probes.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudscale.core.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one record of a service's state: the diagnosis's JSON keeps its shape, and its two questions differ where they always did. */
class ServiceStateDocumentTest {

    private static ServiceState starting() {
        return new ServiceState("ingestion-api", "cloudscale-ingestion-api-1", "running", "starting", 0, null, false, false,
                "abc", Instant.parse("2026-12-02T12:00:00Z"), List.of("8090->8080"), List.of("cloudscale_default"));
    }

    @Test
    void anObservationShowsTheFieldsTheDiagnosisAlwaysShowed() {
        JsonNode node = Json.mapper().valueToTree(new StackState("cloudscale", List.of(starting())));

        List<String> names = new ArrayList<>();
        node.get("services").get(0).fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("service", "container", "state", "health", "restarts", "oomKilled", "crashLooping"), names);
    }

    @Test
    void aContainerStillStartingIsUpToTheDiagnosisButNotReadyToUpOrStatus() {
        assertTrue(starting().up(), "starting is no cause");
        assertFalse(starting().ready(), "up waits for the healthcheck; status counts it not fine yet");
    }
}
