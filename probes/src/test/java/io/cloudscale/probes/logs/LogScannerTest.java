package io.cloudscale.probes.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Signatures against lines the real libraries print: Resilience4j's own messages, the JDK's own exceptions. */
class LogScannerTest {

    private static LogScanner scan(List<String> lines) {
        LogScanner scanner = new LogScanner(Signature.platform());
        lines.forEach(scanner::accept);
        return scanner;
    }

    private static SignatureMatch match(LogScanner scanner, String name) {
        return scanner.matches().stream().filter(match -> match.signature().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + scanner.matches()));
    }

    /** Opens a real breaker named cosmos and returns what Resilience4j prints on the way. */
    private static List<String> resilience4jLines() {
        CircuitBreaker breaker = CircuitBreaker.of("cosmos", CircuitBreakerConfig.custom()
                .slidingWindowSize(2).minimumNumberOfCalls(2).failureRateThreshold(50).waitDurationInOpenState(Duration.ofMinutes(1)).build());
        List<String> lines = new ArrayList<>();
        breaker.getEventPublisher().onStateTransition(event -> lines.add(event.toString()));
        for (int i = 0; i < 2; i++) {
            breaker.onError(0, java.util.concurrent.TimeUnit.MILLISECONDS, new IOException("PKIX path building failed"));
        }
        try {
            breaker.acquirePermission();
        } catch (CallNotPermittedException e) {
            lines.add("2026-11-26 06:41:53.101 WARN  [processor] c.c.EventProcessor - store call rejected: " + e);
        }
        return lines;
    }

    @Test
    void resilience4jOpenBreakerIsFoundWithItsName() {
        List<String> lines = resilience4jLines();

        SignatureMatch open = match(scan(lines), "circuit-open");

        assertEquals(2, open.count(), lines.toString());
        assertEquals(List.of("cosmos"), open.details());
        assertTrue(open.samples().getFirst().contains("changed state from CLOSED to OPEN"), open.samples().toString());
        assertTrue(open.firstSeen().isBefore(open.lastSeen()) || open.firstSeen().equals(open.lastSeen()), "both lines carry a time");
        assertTrue(LogScanner.timestamp(lines.getFirst()).isPresent(), "Resilience4j's event time is read: " + lines.getFirst());
    }

    @Test
    void pollyOpenCircuit() {
        SignatureMatch open = match(scan(List.of(
                "fail: EventProcessor[0] Polly.CircuitBreaker.BrokenCircuitException: The circuit is now open and is not allowing calls.",
                "info: EventProcessor[0] OnCircuitOpened: breaking for 00:00:30")), "circuit-open");

        assertEquals(2, open.count());
    }

    @Test
    void connectionRefusedNamesHostAndPort() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String jdkLine;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", closed), 1000);
            throw new AssertionError("port " + closed + " should be closed");
        } catch (ConnectException e) {
            jdkLine = "2026-11-26T06:41:52.414626053Z java.net.ConnectException: " + e.getMessage();
        }
        LogScanner scanner = scan(List.of(jdkLine,
                "2026-11-26T06:41:53.000000000Z io.netty.channel.AbstractChannel$AnnotatedConnectException: Connection refused: cosmos/172.18.0.3:8081",
                "Error: connect ECONNREFUSED 127.0.0.1:8082"));

        SignatureMatch refused = match(scanner, "connection-refused");
        assertEquals(3, refused.count());
        assertEquals(List.of("cosmos/172.18.0.3:8081", "127.0.0.1:8082"), refused.details());
        assertEquals(Instant.parse("2026-11-26T06:41:52.414626053Z"), refused.firstSeen());
        assertEquals(Instant.parse("2026-11-26T06:41:53Z"), refused.lastSeen());
    }

    @Test
    void sheddingStatusesInGatewayJsonAndApiLogs() {
        LogScanner scanner = scan(List.of(
                "{\"time\":\"2026-11-26T06:41:52+00:00\",\"remote_addr\":\"172.18.0.1\",\"request\":\"POST /api/events HTTP/1.1\",\"status\":503,\"request_time\":0.002}",
                "{\"time\":\"2026-11-26T06:41:53+00:00\",\"remote_addr\":\"172.18.0.1\",\"request\":\"POST /api/events HTTP/1.1\",\"status\":429,\"request_time\":0.001}",
                "{\"time\":\"2026-11-26T06:41:54+00:00\",\"remote_addr\":\"172.18.0.1\",\"request\":\"POST /api/events HTTP/1.1\",\"status\":202,\"request_time\":0.010}",
                "172.18.0.1 - - [26/Nov/2026:06:41:55 +0000] \"POST /api/events HTTP/1.1\" 503 190 \"-\" \"wrk\"",
                "2026-11-26 06:41:56.001 INFO shed request status=503 reason=in-flight>256 retry-after=1"));

        assertEquals(3, match(scanner, "http-503").count());
        assertEquals(1, match(scanner, "http-429").count());
        assertEquals(Instant.parse("2026-11-26T06:41:52Z"), match(scanner, "http-503").firstSeen());
        assertEquals(5, scanner.linesRead());
    }

    @Test
    void tlsTrustAndOutOfMemory() {
        LogScanner scanner = scan(List.of(
                "javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target",
                "Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space"));

        assertEquals(1, match(scanner, "tls-untrusted").count(), "one line, counted once");
        assertEquals(List.of("Java heap space"), match(scanner, "out-of-memory").details());
    }

    @Test
    void quietLogsMatchNothing() {
        assertEquals(List.of(), scan(List.of("started in 1.2 s", "upserted event 42", "")).matches());
    }
}
