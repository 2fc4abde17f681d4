package io.cloudscale.playbooks.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP server on loopback whose answers the test decides: how long to wait, which status. The JDK's
 * own server, one virtual thread per request, so its waits never hold the others back.
 */
final class LocalEndpoint implements AutoCloseable {

    /** Decides one answer: sleep for the returned delay, then answer with the status. */
    interface Behaviour {
        Answer answer(long requestNumber, long receivedNanos) throws InterruptedException;
    }

    record Answer(int status, long delayNanos) {
    }

    private final HttpServer server;
    private final AtomicLong received = new AtomicLong();
    final long startedNanos = System.nanoTime();

    LocalEndpoint(Behaviour behaviour) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/api/events", exchange -> handle(exchange, behaviour));
        server.start();
    }

    private void handle(HttpExchange exchange, Behaviour behaviour) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
            Answer answer = behaviour.answer(received.incrementAndGet(), System.nanoTime());
            if (answer.delayNanos() > 0) {
                Thread.sleep(answer.delayNanos() / 1_000_000, (int) (answer.delayNanos() % 1_000_000));
            }
            exchange.sendResponseHeaders(answer.status(), -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/events");
    }

    long received() {
        return received.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
