package io.cloudscale.platform.queue;

import io.cloudscale.platform.event.Event;

/** The ingestion side of the queue: a send returns only once the broker has taken the message durably. */
public interface EventSender extends AutoCloseable {

    /** Blocks until the broker confirms; throws when it refuses, times out or cannot be reached. */
    void send(Event event) throws QueueUnavailable;

    boolean connected();

    @Override
    void close();
}
