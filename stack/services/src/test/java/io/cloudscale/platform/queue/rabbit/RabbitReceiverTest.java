package io.cloudscale.platform.queue.rabbit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.rabbitmq.client.AMQP;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RabbitReceiverTest {

    @Test
    void theQuorumQueuesDeliveryCountHeaderCountsEarlierFailedDeliveries() {
        assertEquals(1, RabbitReceiver.deliveryCount(new AMQP.BasicProperties.Builder().build()));
        assertEquals(4, RabbitReceiver.deliveryCount(new AMQP.BasicProperties.Builder()
                .headers(Map.of("x-delivery-count", 3L)).build()));
    }
}
