package io.cloudscale.platform.queue;

/** The broker could not be reached, refused the message, or did not confirm in time. */
public final class QueueUnavailable extends Exception {
    public QueueUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
