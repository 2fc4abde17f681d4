package io.cloudscale.probes.kubernetes;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * A real local HTTP server standing in for a pod's port (nginx's stub_status, the dashboard's summary): each path
 * answers 200 with its text, made anew per request, or as its own handler decides.
 */
public final class PodEndpoint implements AutoCloseable {

    private final HttpServer server;

    public PodEndpoint() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.start();
    }

    public PodEndpoint answer(String path, Supplier<String> text) {
        server.createContext(path, exchange -> {
            byte[] body = text.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        return this;
    }

    /** {@code path} answered by {@code handler}: its own status, for what a pod answers other than 200. */
    public PodEndpoint handle(String path, HttpHandler handler) {
        server.createContext(path, handler);
        return this;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
