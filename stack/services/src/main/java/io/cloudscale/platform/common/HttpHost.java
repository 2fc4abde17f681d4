package io.cloudscale.platform.common;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDK's HTTP server on virtual threads, with the two endpoints every platform service has:
 * {@code /health} (200 or 503 with the reason; JSON when the client accepts application/json) and
 * {@code /metrics} (Prometheus text format).
 */
public final class HttpHost {

    private static final Logger LOG = LoggerFactory.getLogger(HttpHost.class);

    private final HttpServer server;

    private HttpHost(HttpServer server) {
        this.server = server;
    }

    public static HttpHost listen(int port, PrometheusRegistry registry, Supplier<Health> health) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 512);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
        server.createContext("/metrics", exchange -> {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            writer.write(body, registry.scrape());
            respond(exchange, 200, writer.getContentType(), body.toByteArray());
        });
        server.createContext("/health", exchange -> {
            Health now = health.get();
            String accept = exchange.getRequestHeaders().getFirst("Accept");
            if (accept != null && accept.contains("application/json")) {
                respond(exchange, now.up() ? 200 : 503, "application/json", Json.MAPPER.writeValueAsBytes(now.json()));
            } else {
                respond(exchange, now.up() ? 200 : 503, "text/plain; charset=utf-8", (now.text() + "\n").getBytes(StandardCharsets.UTF_8));
            }
        });
        HttpHost host = new HttpHost(server);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(1), "http-stop"));
        return host;
    }

    public HttpHost route(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            try (exchange) {
                handler.handle(exchange);
            } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
                LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                respondQuietly(exchange, 500, "text/plain", "internal error\n".getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                LOG.debug("client went away: {}", e.toString());
            }
        });
        return this;
    }

    public void start() {
        server.start();
        LOG.info("listening on :{}", server.getAddress().getPort());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
    }

    public static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    private static void respondQuietly(HttpExchange exchange, int status, String contentType, byte[] body) {
        try {
            respond(exchange, status, contentType, body);
        } catch (IOException | RuntimeException ignored) {
            // the response had already started; the client sees a cut connection
        }
    }

    /** Reads at most {@code limit} bytes; null when the body is longer. */
    public static byte[] readBody(HttpExchange exchange, int limit) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(limit + 1);
            return body.length > limit ? null : body;
        }
    }
}
