package io.cloudscale.platform.queue;

/** How many messages wait in the queue and in its dead-letter queue. */
public interface QueueDepth extends AutoCloseable {

    record Depth(long waiting, long deadLettered) {
    }

    Depth depth() throws QueueUnavailable;

    @Override
    void close();
}
