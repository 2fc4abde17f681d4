package io.cloudscale.platform.queue.rabbit;

import io.cloudscale.platform.common.Env;
import io.cloudscale.platform.queue.EventReceiver;
import io.cloudscale.platform.queue.EventSender;
import io.cloudscale.platform.queue.QueueDepth;

/**
 * The offline profile's queue: RabbitMQ with a quorum queue whose {@code x-delivery-limit} and dead-letter
 * exchange play the parts of Service Bus's MaxDeliveryCount and dead-letter sub-queue. The broker's
 * definitions file declares them; the services only check that they exist.
 */
public final class RabbitQueue {

    private RabbitQueue() {
    }

    static String queueName(Env env) {
        return env.text("QUEUE_NAME", "events");
    }

    static String deadLetterQueueName(Env env) {
        return env.text("DEAD_LETTER_QUEUE_NAME", queueName(env) + ".dlq");
    }

    public static EventSender sender(Env env) {
        int channels = env.integer("RABBITMQ_CHANNELS", 64, 1);
        return new RabbitSender(new RabbitLink(env, "ingestion-api", 0), queueName(env), channels,
                env.millis("QUEUE_CONFIRM_TIMEOUT_MS", 5000));
    }

    public static EventReceiver receiver(Env env) {
        int concurrency = env.integer("PROCESSOR_CONCURRENCY", 4, 1);
        return new RabbitReceiver(new RabbitLink(env, "event-processor", concurrency), queueName(env), concurrency,
                env.integer("PROCESSOR_PREFETCH", 20, 1));
    }

    public static QueueDepth depth(Env env) {
        return new RabbitDepth(new RabbitLink(env, "dashboard", 0), queueName(env), deadLetterQueueName(env));
    }
}
