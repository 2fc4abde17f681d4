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

    private final ConnectionFactory factory;
    private final String queue;
    private final String deadLetterQueue;
    private Connection connection;

    /** Connects on the first sample, so an unreachable broker is the probe's finding, not a set-up failure. */
    public RabbitQueue(URI amqpUri, String queue, String deadLetterQueue) throws Exception {
        this.factory = new ConnectionFactory();
        factory.setUri(amqpUri);
        factory.setConnectionTimeout(3000);
        factory.setHandshakeTimeout(3000);
        factory.setAutomaticRecoveryEnabled(false);
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
        synchronized (this) {
            if (connection == null) {
                connection = factory.newConnection("cloudscale-probe");
            }
        }
        try (Channel channel = connection.createChannel()) {
            return channel.queueDeclarePassive(name);
        }
    }

    @Override
    public synchronized void close() throws Exception {
        if (connection != null) {
            connection.close();
        }
    }
}
