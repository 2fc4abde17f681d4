package io.cloudscale.platform.queue.rabbit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.cloudscale.platform.event.Event;
import io.cloudscale.platform.queue.EventSender;
import io.cloudscale.platform.queue.QueueUnavailable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Publishes each event persistent and waits for the broker's publisher confirm before returning. Channels
 * are pooled because a confirm wait is per channel: one channel per concurrent send keeps sends independent.
 */
final class RabbitSender implements EventSender {

    private final RabbitLink link;
    private final String queue;
    private final Duration confirmTimeout;
    private final BlockingQueue<Channel> idle;
    private final Semaphore channelSlots;

    RabbitSender(RabbitLink link, String queue, int maxChannels, Duration confirmTimeout) {
        this.link = link;
        this.queue = queue;
        this.confirmTimeout = confirmTimeout;
        this.idle = new ArrayBlockingQueue<>(maxChannels);
        this.channelSlots = new Semaphore(maxChannels);
        link.connectInBackground(this::checkQueue);
    }

    private void checkQueue(Connection connection) {
        try (Channel channel = connection.createChannel()) {
            channel.queueDeclarePassive(queue);
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(RabbitSender.class)
                    .error("queue '{}' is not declared on the broker: {}", queue, e.toString());
        }
    }

    @Override
    public void send(Event event) throws QueueUnavailable {
        Connection connection = link.connection()
                .orElseThrow(() -> new QueueUnavailable("no connection to RabbitMQ at " + link.display(), null));
        Channel channel = acquire(connection);
        boolean healthy = false;
        try {
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                    .deliveryMode(2)
                    .contentType("application/json")
                    .messageId(event.id())
                    .type(event.type())
                    .build();
            channel.basicPublish("", queue, properties, event.toJson());
            channel.waitForConfirmsOrDie(confirmTimeout.toMillis());
            healthy = true;
        } catch (IOException e) {
            throw new QueueUnavailable("RabbitMQ did not confirm the message: " + e.getMessage(), e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new QueueUnavailable("RabbitMQ did not confirm within " + confirmTimeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueueUnavailable("interrupted while waiting for the confirm", e);
        } catch (RuntimeException e) {
            throw new QueueUnavailable("RabbitMQ publish failed: " + e.getMessage(), e);
        } finally {
            release(channel, healthy);
        }
    }

    private Channel acquire(Connection connection) throws QueueUnavailable {
        Channel channel = idle.poll();
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        if (channel != null) {
            channelSlots.release();
        }
        try {
            if (!channelSlots.tryAcquire(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                Channel waited = idle.poll(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
                if (waited == null) {
                    throw new QueueUnavailable("no free channel to RabbitMQ", null);
                }
                return waited;
            }
            Channel created = connection.createChannel();
            created.confirmSelect();
            return created;
        } catch (IOException e) {
            channelSlots.release();
            throw new QueueUnavailable("cannot open a channel to RabbitMQ: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueueUnavailable("interrupted while waiting for a channel", e);
        }
    }

    private void release(Channel channel, boolean healthy) {
        if (healthy && channel.isOpen() && idle.offer(channel)) {
            return;
        }
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (Exception ignored) {
            // a broken channel is discarded either way
        }
        channelSlots.release();
    }

    @Override
    public boolean connected() {
        return link.connection().isPresent();
    }

    @Override
    public void close() {
        link.close();
    }
}
