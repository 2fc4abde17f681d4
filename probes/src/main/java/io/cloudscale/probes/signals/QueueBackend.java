package io.cloudscale.probes.signals;

/** Where the platform's `events` queue lives: Azure Service Bus, or RabbitMQ in the offline profile. */
public interface QueueBackend extends AutoCloseable {

    /** e.g. "service-bus events" or "rabbitmq events". */
    String describe();

    QueueCounts sample() throws Exception;

    @Override
    default void close() throws Exception {
    }
}
