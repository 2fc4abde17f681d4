package io.cloudscale.platform.queue.rabbit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.cloudscale.platform.queue.QueueDepth;
import io.cloudscale.platform.queue.QueueUnavailable;

/** Ready-message counts of the queue and its dead-letter queue, by passive declare (no management plugin needed). */
record RabbitDepth(RabbitLink link, String queue, String deadLetterQueue) implements QueueDepth {

    RabbitDepth {
        link.connectInBackground(connection -> { });
    }

    @Override
    public Depth depth() throws QueueUnavailable {
        Connection connection = link.connection()
                .orElseThrow(() -> new QueueUnavailable("no connection to RabbitMQ at " + link.display(), null));
        try (Channel channel = connection.createChannel()) {
            return new Depth(channel.queueDeclarePassive(queue).getMessageCount(),
                    channel.queueDeclarePassive(deadLetterQueue).getMessageCount());
        } catch (Exception e) {
            throw new QueueUnavailable("cannot read queue depth: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        link.close();
    }
}
