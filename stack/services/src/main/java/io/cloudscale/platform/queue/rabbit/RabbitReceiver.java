package io.cloudscale.platform.queue.rabbit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.cloudscale.platform.queue.EventReceiver;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes with manual acks on {@code concurrency} channels. A FAILED outcome is a nack with requeue: the
 * quorum queue counts the delivery and dead-letters the message past its delivery limit, so the processor
 * never decides on its own to drop anything.
 */
record RabbitReceiver(RabbitLink link, String queue, int concurrency, int prefetch) implements EventReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(RabbitReceiver.class);

    @Override
    public void start(Handler handler) {
        link.connectInBackground(connection -> consume(connection, handler));
    }

    private void consume(Connection connection, Handler handler) {
        try {
            for (int i = 0; i < concurrency; i++) {
                Channel channel = connection.createChannel();
                channel.basicQos(prefetch);
                channel.basicConsume(queue, false, "event-processor-" + i, new Delivering(channel, handler));
            }
            LOG.info("consuming '{}' on {} channels, prefetch {}", queue, concurrency, prefetch);
        } catch (IOException e) {
            LOG.error("cannot consume '{}': {}", queue, e.toString());
        }
    }

    static long deliveryCount(AMQP.BasicProperties properties) {
        Object count = properties.getHeaders() == null ? null : properties.getHeaders().get("x-delivery-count");
        return count instanceof Number number ? number.longValue() + 1 : 1;
    }

    private static final class Delivering extends DefaultConsumer {
        private final Handler handler;

        Delivering(Channel channel, Handler handler) {
            super(channel);
            this.handler = handler;
        }

        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                throws IOException {
            Outcome outcome = handler.handle(body, properties.getMessageId(), deliveryCount(properties));
            if (outcome == Outcome.DONE) {
                getChannel().basicAck(envelope.getDeliveryTag(), false);
            } else {
                getChannel().basicNack(envelope.getDeliveryTag(), false, true);
            }
        }
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
