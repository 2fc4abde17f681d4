package io.cloudscale.probes.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.cloudscale.core.Status;
import io.cloudscale.core.diagnosis.Observation;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against the real RabbitMQ that `cloudscale setup --for tests` starts on 127.0.0.1:5673: a queue with a dead-letter
 * exchange, as the offline stack declares it, filled while the probe watches.
 */
class RabbitQueueIT {

    static final URI BROKER = URI.create(System.getenv().getOrDefault("CLOUDSCALE_IT_AMQP", "amqp://guest:guest@127.0.0.1:5673"));

    private Connection connection;
    private Channel channel;
    private final String queue = "events-it-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void declare() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(BROKER);
        try {
            connection = factory.newConnection();
        } catch (java.io.IOException e) {
            String reason = "no RabbitMQ at " + BROKER + " (cloudscale setup --for tests starts one): " + e.getMessage();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(reason);
            }
            Assumptions.abort(reason);
        }
        channel = connection.createChannel();
        channel.exchangeDeclare(queue + ".dlx", "fanout", false, true, null);
        channel.queueDeclare(queue + ".dlq", false, false, true, null);
        channel.queueBind(queue + ".dlq", queue + ".dlx", "");
        channel.queueDeclare(queue, false, false, true, Map.of("x-dead-letter-exchange", queue + ".dlx"));
    }

    @AfterEach
    void close() throws Exception {
        if (connection != null) {
            channel.queueDelete(queue);
            channel.queueDelete(queue + ".dlq");
            channel.exchangeDelete(queue + ".dlx");
            connection.close();
        }
    }

    @Test
    void aGrowingQueueAndItsDeadLettersAreSeenOverTheWindow() throws Exception {
        for (int i = 0; i < 5; i++) {
            channel.basicPublish("", queue, null, ("event " + i).getBytes(StandardCharsets.UTF_8));
        }
        try (RabbitQueue rabbit = new RabbitQueue(BROKER, queue, queue + ".dlq");
             Channel publisher = connection.createChannel()) {
            // growth is a rise at each look (start, middle at 600 ms, end at 1200 ms): the queue is filled right after
            // the first look and after the middle one, by the probe's own reads, so each look sees what it should
            publisher.confirmSelect(); // each publish is in the queue once confirmed
            java.util.concurrent.atomic.AtomicInteger looks = new java.util.concurrent.atomic.AtomicInteger();
            QueueBackend fillingAfterEachLook = new QueueBackend() {
                @Override
                public String describe() {
                    return rabbit.describe();
                }

                @Override
                public QueueCounts sample() throws Exception {
                    QueueCounts counts = rabbit.sample();
                    switch (looks.incrementAndGet()) {
                        case 1 -> {
                            for (int i = 0; i < 4; i++) {
                                publisher.basicPublish("", queue, null, "late".getBytes(StandardCharsets.UTF_8));
                            }
                            publisher.waitForConfirmsOrDie(5000);
                        }
                        case 2 -> {
                            for (int i = 0; i < 3; i++) {
                                publisher.basicPublish("", queue, null, "later".getBytes(StandardCharsets.UTF_8));
                            }
                            publisher.waitForConfirmsOrDie(5000);
                            // a poison message: rejected without requeue, so the broker dead-letters it
                            var poison = publisher.basicGet(queue, false);
                            publisher.basicReject(poison.getEnvelope().getDeliveryTag(), false);
                            publisher.basicQos(0); // a round trip after the reject: the channel has handled it before the next look
                        }
                        default -> { }
                    }
                    return counts;
                }
            };

            Observation<QueueDepth> seen = new QueueDepthProbe(fillingAfterEachLook, Duration.ofMillis(1200), Clock.systemUTC()).observe();

            assertEquals(Status.WARN, seen.status(), seen.evidence().toString());
            assertEquals(5, seen.value().first().active());
            assertEquals(9, seen.value().middle().active());
            assertEquals(11, seen.value().last().active());
            assertEquals(1, seen.value().deadLetterDelta());
            assertEquals(0, seen.value().last().consumers());
            assertTrue(seen.value().growing());
        }
    }

    @Test
    void aDrainedQueueIsFlat() throws Exception {
        try (RabbitQueue rabbit = new RabbitQueue(BROKER, queue, queue + ".dlq")) {
            Observation<QueueDepth> seen = new QueueDepthProbe(rabbit, Duration.ofMillis(200), Clock.systemUTC()).observe();

            assertEquals(Status.OK, seen.status());
            assertFalse(seen.value().growing());
        }
    }

    @Test
    void aMissingQueueIsAnErrorNotAZero() throws Exception {
        try (RabbitQueue rabbit = new RabbitQueue(BROKER, "no-such-queue-" + queue, queue + ".dlq")) {
            Assertions.assertThrows(java.io.IOException.class, rabbit::sample);
        }
        AMQP.Queue.DeclareOk untouched = channel.queueDeclarePassive(queue);
        assertEquals(0, untouched.getMessageCount());
    }
}
