package io.cloudscale.platform.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudscale.platform.common.Health;
import io.cloudscale.platform.common.HttpHost;
import io.cloudscale.platform.common.Json;
import io.cloudscale.platform.queue.EventReceiver;
import io.cloudscale.probes.logs.LogScanner;
import io.cloudscale.probes.logs.Signature;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * While the processor waits for the store's certificate its receiver has not started: /health and the log
 * name the certificate's URL and the attempt, not the queue (which was fine).
 */
class StoreCertificateWaitTest {

    private final CircuitBreaker breaker = CosmosBreaker.create(Duration.ofMinutes(1), line -> { });

    /** A receiver that was never started, as during the wait. */
    private final EventReceiver notStarted = new EventReceiver() {
        @Override
        public void start(Handler handler) {
        }

        @Override
        public boolean connected() {
            return false;
        }

        @Override
        public void close() {
        }
    };

    @Test
    void healthAndLogSayTheProcessorWaitsForTheCertificateAtItsUrl() throws Exception {
        URI certificate;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            certificate = URI.create("https://127.0.0.1:" + closed.getLocalPort() + "/certs/store.pem");
        }
        List<Health.Waiting> published = new ArrayList<>();
        EventProcessor.trustStoreCertificate(certificate, () -> published.size() >= 2, published::add, Duration.ofMillis(10));

        assertEquals(2, published.size());
        Health.Waiting second = published.get(1);
        assertEquals(new Health.Waiting("the store's certificate", certificate.toString(), 2, second.lastError()), second);
        assertTrue(second.lastError().contains("ConnectException"), second.lastError());

        Health health = EventProcessor.health(second, notStarted, breaker);
        assertEquals("DOWN waiting for the store's certificate at " + certificate + ", attempt 2: " + second.lastError(), health.text());

        LogScanner scanner = new LogScanner(Signature.platform());
        scanner.accept("2026-12-02T06:00:00.000Z WARN EventProcessor - " + second.text());
        assertEquals(List.of(certificate.toString()), scanner.matches().stream()
                .filter(match -> match.signature().equals("store-certificate-wait")).findFirst().orElseThrow().details());
    }

    @Test
    void withoutAWaitANotStartedReceiverIsStillTheQueuesTrouble() {
        assertEquals("DOWN no connection to the queue", EventProcessor.health(null, notStarted, breaker).text());
    }

    @Test
    void healthServesTheWaitAsJsonForAProbe() throws Exception {
        AtomicReference<Health.Waiting> waiting = new AtomicReference<>(
                new Health.Waiting("the store's certificate", "https://cosmos:8081/_explorer/emulator.pem", 3, "java.net.ConnectException: Connection refused"));
        HttpHost host = HttpHost.listen(0, new PrometheusRegistry(), () -> EventProcessor.health(waiting.get(), notStarted, breaker));
        host.start();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + "/health"))
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(503, answer.statusCode());
            JsonNode json = Json.MAPPER.readTree(answer.body());
            assertEquals("DOWN", json.path("status").asText());
            assertEquals("the store's certificate", json.path("waiting").path("for").asText());
            assertEquals("https://cosmos:8081/_explorer/emulator.pem", json.path("waiting").path("at").asText());
            assertEquals(3, json.path("waiting").path("attempt").asInt());

            waiting.set(null);
            HttpResponse<String> text = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("DOWN no connection to the queue\n", text.body());
            assertNull(Json.MAPPER.readTree(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + "/health"))
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString()).body()).get("waiting"));
        } finally {
            host.stop();
        }
    }
}
