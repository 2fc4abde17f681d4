package io.cloudscale.platform.queue;

import io.cloudscale.platform.common.Env;
import io.cloudscale.platform.queue.rabbit.RabbitQueue;
import io.cloudscale.platform.queue.servicebus.ServiceBusQueue;

/** Picks the queue adapter named by QUEUE_BACKEND: Azure Service Bus (default) or RabbitMQ (offline profile). */
public final class Queues {

    private Queues() {
    }

    public static EventSender sender(Env env) {
        return backend(env).equals("rabbitmq") ? RabbitQueue.sender(env) : ServiceBusQueue.sender(env);
    }

    public static EventReceiver receiver(Env env) {
        return backend(env).equals("rabbitmq") ? RabbitQueue.receiver(env) : ServiceBusQueue.receiver(env);
    }

    public static QueueDepth depth(Env env) {
        return backend(env).equals("rabbitmq") ? RabbitQueue.depth(env) : ServiceBusQueue.depth(env);
    }

    static String backend(Env env) {
        String backend = env.text("QUEUE_BACKEND", "servicebus");
        if (!backend.equals("rabbitmq") && !backend.equals("servicebus")) {
            throw new Env.BadSetting("QUEUE_BACKEND=" + backend + ": expected servicebus or rabbitmq");
        }
        return backend;
    }
}
