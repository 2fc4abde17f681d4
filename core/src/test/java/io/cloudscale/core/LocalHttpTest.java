package io.cloudscale.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client for the stack's plain-http endpoints: it reads http, and refuses https at once instead of trusting anything. */
class LocalHttpTest {

    @AfterEach
    void shutdown() {
        LocalHttp.shutdown();
    }

    @Test
    void readsPlainHttp() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/nginx_status", exchange -> {
            byte[] body = "Active connections: 1 \n".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            HttpResponse<String> response = LocalHttp.client().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/nginx_status")).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(200, response.statusCode());
            assertEquals("Active connections: 1 \n", response.body());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anHttpsEndpointIsRefusedAtOnceNeverTrusted() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Instant start = Instant.now();

            Exception refused = assertThrows(Exception.class, () -> LocalHttp.client().send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + listening.getLocalPort() + "/")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()));

            assertTrue(Duration.between(start, Instant.now()).compareTo(Duration.ofSeconds(4)) < 0, "refused, not timed out: " + refused);
            boolean said = false;
            for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
                said |= String.valueOf(cause.getMessage()).contains("never TLS");
            }
            assertTrue(said, "says why: " + refused);
        }
    }
}
