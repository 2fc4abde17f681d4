package io.cloudscale.probes.signals;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.net.URI;

/**
 * The offline profile's queue: a passive declare (which never creates anything) reads the ready
 * messages and consumers of the queue and of its dead-letter queue.
 */
public final class RabbitQueue implements QueueBackend {

    private final Connection connection;
    private final String queue;
    private final String deadLetterQueue;

    public RabbitQueue(URI amqpUri, String queue, String deadLetterQueue) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(amqpUri);
        factory.setConnectionTimeout(3000);
        factory.setHandshakeTimeout(3000);
        factory.setAutomaticRecoveryEnabled(false);
        this.connection = factory.newConnection("cloudscale-probe");
        this.queue = queue;
        this.deadLetterQueue = deadLetterQueue;
    }

    @Override
    public String describe() {
        return "rabbitmq " + queue;
    }

    @Override
    public QueueCounts sample() throws Exception {
        AMQP.Queue.DeclareOk main = passive(queue);
        AMQP.Queue.DeclareOk dead = passive(deadLetterQueue);
        return new QueueCounts(main.getMessageCount(), dead.getMessageCount(), null, main.getConsumerCount());
    }

    /** A failed passive declare closes its channel, so each gets its own. */
    private AMQP.Queue.DeclareOk passive(String name) throws Exception {
        try (Channel channel = connection.createChannel()) {
            return channel.queueDeclarePassive(name);
        }
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
