package io.cloudscale.platform.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosClientBuilder;
import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.models.PartitionKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.cloudscale.platform.common.Json;
import io.cloudscale.platform.store.StoreSettings;
import io.cloudscale.platform.store.StoreTrust;
import io.cloudscale.probes.docker.DockerEngine;
import io.cloudscale.probes.docker.RequiresDockerEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** The whole offline platform on the real engine: gateway -> API -> RabbitMQ -> processor -> cosmosdb-server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OfflineStackIT {

    static final int EVENTS = 1000;

    DockerEngine engine;
    OfflineStack stack;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final String run = Long.toString(System.currentTimeMillis(), 36);

    @BeforeAll
    void start() throws Exception {
        engine = RequiresDockerEngine.connect();
        stack = OfflineStack.start(engine, "cloudscale-it-offline");
    }

    @AfterAll
    void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.port("GATEWAY_PORT") + "/api/events"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(1)
    void badInputThroughTheGatewayIs400WithTheReason() throws Exception {
        HttpResponse<String> response = post("{\"type\":\"t\",\"source\":\"s\",\"id\":\"a/b\"}");
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("'id' must be"), response.body());
    }

    @Test
    @Order(2)
    void aThousandEventsPostedThroughTheGatewayAreAllStored() throws Exception {
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        try (var pool = Executors.newFixedThreadPool(16)) {
            List<Future<?>> sends = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                String id = id(i);
                sends.add(pool.submit(() -> {
                    HttpResponse<String> response = post("{\"id\":\"" + id + "\",\"type\":\"it.event\",\"source\":\"offline-it\",\"data\":{\"n\":1}}");
                    statuses.merge(response.statusCode(), 1, Integer::sum);
                    return null;
                }));
            }
            for (Future<?> send : sends) {
                send.get();
            }
        }
        assertEquals(Map.of(202, EVENTS), statuses, "every event accepted (202 only after the broker's confirm)");

        // the dashboard counts through the store (a cross-partition COUNT); wait for the processor to drain
        JsonNode summary = awaitSummary(s -> s.path("storedEvents").asLong() >= EVENTS && s.path("queueDepth").asLong() == 0);
        assertTrue(summary.path("storedEvents").asLong() >= EVENTS, summary.toString());
        assertEquals("closed", summary.path("circuit").asText(), summary.toString());

        // and each event is in the store under its own id: none lost, none replaced by another
        URI storeUrl = URI.create("https://localhost:" + stack.port("COSMOS_PORT") + "/");
        StoreSettings store = new StoreSettings(storeUrl, StoreSettings.EMULATOR_KEY, "cloudscale", "events", true, Duration.ofSeconds(10),
                storeUrl.resolve("_explorer/emulator.pem"));
        StoreTrust.trustStoreCertificate(store.certificate(), 5000);
        try (CosmosClient client = new CosmosClientBuilder().endpoint(store.endpoint().toString()).key(store.key())
                .gatewayMode().endpointDiscoveryEnabled(false).buildClient()) {
            CosmosContainer container = client.getDatabase("cloudscale").getContainer("events");
            Set<String> found = new HashSet<>();
            for (int i = 0; i < EVENTS; i++) {
                JsonNode stored = container.readItem(id(i), new PartitionKey(id(i)), JsonNode.class).getItem();
                assertEquals("offline-it", stored.path("source").asText());
                found.add(stored.path("id").asText());
            }
            assertEquals(EVENTS, found.size());
        }
    }

    @Test
    @Order(3)
    void aPoisonMessageIsDeadLetteredAfterTheDeliveryLimitNeverDropped() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri("amqp://guest:guest@127.0.0.1:" + stack.port("RABBITMQ_PORT"));
        try (Connection connection = factory.newConnection("offline-it"); Channel channel = connection.createChannel()) {
            long before = channel.queueDeclarePassive("events.dlq").getMessageCount();
            channel.confirmSelect();
            channel.basicPublish("", "events", new AMQP.BasicProperties.Builder().deliveryMode(2).messageId("poison-" + run).build(),
                    "{not an event".getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(5000);

            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long deadLettered = before;
            while (deadLettered == before && System.nanoTime() < deadline) {
                Thread.sleep(500);
                deadLettered = channel.queueDeclarePassive("events.dlq").getMessageCount();
            }
            assertEquals(before + 1, deadLettered, "poison message in events.dlq");
            assertEquals(0, channel.queueDeclarePassive("events").getMessageCount(), "nothing left behind in events");

            var parked = channel.basicGet("events.dlq", false);
            assertEquals("poison-" + run, parked.getProps().getMessageId());
            assertEquals("{not an event", new String(parked.getBody(), StandardCharsets.UTF_8));
            channel.basicNack(parked.getEnvelope().getDeliveryTag(), false, true); // leave it parked
        }
        String processorLog = stack.logs("event-processor");
        assertTrue(processorLog.contains("poison message poison-" + run + " (delivery 5)"), processorLog);
        JsonNode summary = awaitSummary(s -> s.path("deadLettered").asLong() >= 1);
        assertTrue(summary.path("deadLettered").asLong() >= 1, summary.toString());
    }

    @Test
    @Order(4)
    void theOfflineStoreAnswersQueriesAsThePublishedQueryLibraryDoesInLinearTime() throws Exception {
        // fast-queries.js rewrites the published compiler's O(n^2) FROM; its check compares both in the running store's image
        String checked = stack.compose("exec", "-T", "cosmos", "node", "/opt/cosmos/check-fast-queries.js");

        assertTrue(checked.contains("queries answer the same as the published library; FROM appends in place"), checked);
        // and the store it serves counts what was stored through it: the dashboard's count is the store's own
        JsonNode summary = awaitSummary(s -> s.path("storedEvents").asLong() >= EVENTS);
        assertTrue(summary.path("storedEvents").asLong() >= EVENTS, summary.toString());
    }

    JsonNode awaitSummary(java.util.function.Predicate<JsonNode> wanted) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode summary = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + stack.port("DASHBOARD_PORT") + "/summary")).build(), HttpResponse.BodyHandlers.ofString());
            summary = Json.MAPPER.readTree(response.body());
            if (summary != null && wanted.test(summary)) {
                return summary;
            }
            Thread.sleep(1000);
        }
        return summary;
    }

    String id(int i) {
        return "it-" + run + "-" + i;
    }
}
