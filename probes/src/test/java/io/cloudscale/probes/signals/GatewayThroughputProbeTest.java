package io.cloudscale.probes.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.cloudscale.core.Status;
import io.cloudscale.core.diagnosis.Observation;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against a loopback server that counts requests and renders them in nginx's stub_status format,
 * counting its own status reads as nginx does.
 */
class GatewayThroughputProbeTest {

    /** Captured from nginx 1.22 (Debian bookworm) with stub_status on. */
    static final String CAPTURED = "Active connections: 2 \nserver accepts handled requests\n 16630948 16630948 31070465 \nReading: 0 Writing: 1 Waiting: 1 \n";

    private HttpServer server;
    private final AtomicLong requests = new AtomicLong();
    /** Counted down by the first status read: what the probe measures starts there. */
    private final CountDownLatch firstRead = new CountDownLatch(1);
    /** Status reads after the first wait on this (a test that does not hold them opens it at once). */
    private volatile CountDownLatch laterReads = new CountDownLatch(0);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/nginx_status", exchange -> {
            if (firstRead.getCount() == 0) {
                await(laterReads);
            }
            long served = requests.incrementAndGet();
            byte[] body = "Active connections: 1 \nserver accepts handled requests\n %d %d %d \nReading: 0 Writing: 1 Waiting: 0 \n"
                    .formatted(served, served, served).getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
            firstRead.countDown();
        });
        server.createContext("/api/events", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()); // a held status read must not hold the clients
        server.start();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void parsesNginxsOwnFormat() {
        StubStatus status = StubStatus.parse(CAPTURED);

        assertEquals(2, status.active());
        assertEquals(31070465, status.requests());
        assertEquals(1, status.waiting());
    }

    @Test
    void countsClientRequestsOverTheWindowButNotItsOwnReads() throws Exception {
        GatewayThroughputProbe probe = new GatewayThroughputProbe(url("/nginx_status"), Duration.ofMillis(600), null, "gateway", Clock.systemUTC());
        laterReads = new CountDownLatch(1);
        // the clients send after the probe's first read, and its later reads wait for them: all 20 are inside the window
        Thread clients = Thread.ofVirtual().start(() -> {
            HttpClient client = HttpClient.newHttpClient();
            try {
                firstRead.await();
                for (int i = 0; i < 20; i++) {
                    client.send(HttpRequest.newBuilder(url("/api/events")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                            HttpResponse.BodyHandlers.discarding());
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                laterReads.countDown();
            }
        });

        Observation<Throughput> seen = probe.observe();
        clients.join();

        assertEquals(Status.OK, seen.status());
        assertEquals(20, seen.value().requests());
        assertTrue(seen.value().trafficArriving());
        assertTrue(seen.evidence().getFirst().text().contains("req/s from clients"), seen.evidence().toString());
    }

    @Test
    void looksEachSecondLeavingItsOwnReadsOutAndStopsWhenToldItsAnswersSettled() throws Exception {
        GatewayThroughputProbe probe = new GatewayThroughputProbe(url("/nginx_status"), Duration.ofSeconds(30), null, "gateway", Clock.systemUTC());
        java.util.List<Long> seenAtEachLook = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread clients = Thread.ofVirtual().start(() -> {
            HttpClient client = HttpClient.newHttpClient();
            try {
                for (int i = 0; i < 10; i++) {
                    client.send(HttpRequest.newBuilder(url("/api/events")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                            HttpResponse.BodyHandlers.discarding());
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        clients.join();
        long start = System.nanoTime();

        Observation<Throughput> seen = probe.observe(sofar -> {
            seenAtEachLook.add(((Throughput) sofar.value()).requests());
            return seenAtEachLook.size() == 3;
        });

        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 4500, "three looks, not the 30 s window");
        assertEquals(java.util.List.of(0L, 0L, 0L), seenAtEachLook, "the probe's own reads between looks are not client requests");
        assertEquals(0, seen.value().requests());
        assertTrue(seen.evidence().getFirst().text().matches(".* over [23]s: .*"), seen.evidence().toString());
    }

    @Test
    void noClientsMeansZeroNotUnknown() throws Exception {
        Observation<Throughput> seen = new GatewayThroughputProbe(url("/nginx_status"), Duration.ofMillis(200), null, "gateway",
                Clock.systemUTC()).observe();

        assertEquals(Status.FAIL, seen.status());
        assertTrue(seen.value().gatewayAnswered());
        assertFalse(seen.value().trafficArriving());
    }

    @Test
    void aGatewayThatDoesNotAnswerIsAKnownFailure() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Observation<Throughput> seen = new GatewayThroughputProbe(URI.create("http://127.0.0.1:" + closed + "/nginx_status"),
                Duration.ofMillis(200), null, "gateway", Clock.systemUTC()).observe();

        assertEquals(Status.FAIL, seen.status());
        assertFalse(seen.value().gatewayAnswered());
        assertTrue(seen.evidence().getFirst().text().startsWith("gateway does not answer at http://127.0.0.1:" + closed), seen.evidence().toString());
    }

    @Test
    void accessLogLinesAreTalliedBySheddingStatus() {
        AccessLogTally tally = new AccessLogTally();
        tally.accept("{\"time\":\"2026-11-26T06:41:52+00:00\",\"request\":\"POST /api/events HTTP/1.1\",\"status\":503}");
        tally.accept("{\"time\":\"2026-11-26T06:41:52+00:00\",\"request\":\"POST /api/events HTTP/1.1\",\"status\":202}");
        tally.accept("172.18.0.1 - - [26/Nov/2026:06:41:55 +0000] \"POST /api/events HTTP/1.1\" 429 0 \"-\" \"wrk\"");
        tally.accept("2026/11/26 06:41:55 [error] 29#29: *1 connect() failed (111: Connection refused)");

        assertEquals(java.util.Map.of("503", 1L, "2xx", 1L, "429", 1L), tally.classes());
    }
}
