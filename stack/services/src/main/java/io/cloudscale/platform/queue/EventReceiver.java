package io.cloudscale.platform.queue;

/** The processing side of the queue: hands each message to a handler and settles it by the handler's outcome. */
public interface EventReceiver extends AutoCloseable {

    /** What became of a message. */
    enum Outcome {
        /** Stored: remove it from the queue. */
        DONE,
        /** Failed in a way a retry might not fix: return it to the queue, where its delivery count rises until the broker dead-letters it. */
        FAILED
    }

    /** Called on the receiver's threads; may block, which is how a slow store slows consumption. */
    @FunctionalInterface
    interface Handler {
        Outcome handle(byte[] body, String messageId, long deliveryCount);
    }

    void start(Handler handler);

    boolean connected();

    @Override
    void close();
}
