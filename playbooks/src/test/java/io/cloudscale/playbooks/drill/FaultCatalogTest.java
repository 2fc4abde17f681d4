package io.cloudscale.playbooks.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.playbooks.rca.ZeroEventsTree;
import io.cloudscale.stack.endpoints.StackEndpoints;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FaultCatalogTest {

    private final FaultCatalog catalog = new FaultCatalog();

    @Test
    void everyCauseTheTreeCanNameHasADrillThatMustProduceIt() {
        StackEndpoints endpoints = new StackEndpoints(URI.create("http://127.0.0.1:8080/nginx_status"), "rabbitmq",
                URI.create("amqp://guest:guest@127.0.0.1:5672"), null, null, "events", "events.dlq", "127.0.0.1", 8082, "key", "db", "c", URI.create("http://127.0.0.1:8081/summary"), null);
        Set<String> causes = ZeroEventsTree.build("cloudscale", endpoints).causes().keySet();
        Set<String> drilled = catalog.all().stream().map(Fault::expected).collect(Collectors.toSet());

        assertTrue(drilled.containsAll(causes), "causes no drill reaches: " + causes.stream().filter(c -> !drilled.contains(c)).toList());
        assertTrue(drilled.contains(ZombiePortClaim.ID), "the zombie port claim before up is drilled too");
    }

    @Test
    void faultsAreChosenByTheirNameOrTheCauseTheyProduceInCatalogOrder() {
        List<String> chosen = catalog.select(List.of("poison-messages", "gateway-stopped")).stream().map(Fault::id).toList();

        assertEquals(List.of("gateway-stopped", "schema-skew"), chosen);
    }

    @Test
    void anUnknownNameIsAUsageErrorListingTheKnownOnes() {
        CloudscaleException.Usage error = assertThrows(CloudscaleException.Usage.class, () -> catalog.select(List.of("gateway-stopped", "meteor")));

        assertEquals("no drill named meteor", error.getMessage());
        assertTrue(error.hint().orElseThrow().contains("store-wrong-port"));
    }
}
