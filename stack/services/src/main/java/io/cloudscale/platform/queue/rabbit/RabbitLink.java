package io.cloudscale.platform.queue.rabbit;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.cloudscale.platform.common.Env;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to the broker, made in the background until it succeeds, so a service starts (and says
 * DOWN on /health) while the broker is still booting; after that the client library's automatic recovery
 * reconnects and restores channels and consumers.
 */
final class RabbitLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RabbitLink.class);

    private final ConnectionFactory factory;
    private final String display;
    private final String role;
    private volatile Connection connection;
    private volatile boolean closed;

    RabbitLink(Env env, String role, int dispatchThreads) {
        URI uri = URI.create(env.text("RABBITMQ_URI", "amqp://guest:guest@rabbitmq:5672"));
        this.factory = new ConnectionFactory();
        try {
            factory.setUri(uri);
        } catch (Exception e) {
            throw new Env.BadSetting("RABBITMQ_URI: " + e.getMessage());
        }
        factory.setAutomaticRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(2000);
        factory.setConnectionTimeout(5000);
        factory.setRequestedHeartbeat(15);
        if (dispatchThreads > 0) {
            ExecutorService dispatch = Executors.newFixedThreadPool(dispatchThreads, Thread.ofPlatform().name("consume-", 1).factory());
            factory.setSharedExecutor(dispatch);
        }
        this.display = uri.getHost() + ":" + (uri.getPort() < 0 ? 5672 : uri.getPort());
        this.role = role;
    }

    /** Connects on a background thread, then hands the connection to {@code onConnected} once. */
    void connectInBackground(Consumer<Connection> onConnected) {
        Thread.ofVirtual().name("rabbit-connect").start(() -> {
            int attempt = 0;
            while (!closed) {
                attempt++;
                try {
                    Connection made = factory.newConnection(role);
                    connection = made;
                    LOG.info("connected to RabbitMQ at {}", display);
                    onConnected.accept(made);
                    return;
                } catch (Exception e) {
                    if (attempt == 1 || attempt % 15 == 0) {
                        LOG.warn("RabbitMQ at {} not reachable yet (attempt {}): {}", display, attempt, e.toString());
                    }
                    sleep(2000);
                }
            }
        });
    }

    Optional<Connection> connection() {
        Connection current = connection;
        return current != null && current.isOpen() ? Optional.of(current) : Optional.empty();
    }

    String display() {
        return display;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection current = connection;
        if (current != null) {
            try {
                current.close(2000);
            } catch (Exception ignored) {
                // shutting down either way
            }
        }
    }
}
