package io.cloudscale.core.diagnosis;

import java.time.Duration;

/**
 * The looks of a probe over a window: one each {@link #INTERVAL} after the first, the last at the window's end; a
 * window shorter than two intervals is looked at twice, in its middle and at its end.
 */
public final class Looks {

    public static final Duration INTERVAL = Duration.ofSeconds(1);

    private final long startNanos = System.nanoTime();
    private final long windowNanos;
    private final long intervalNanos;
    private long dueNanos;

    public Looks(Duration window) {
        this.windowNanos = Math.max(0, window.toNanos());
        this.intervalNanos = Math.max(1, Math.min(INTERVAL.toNanos(), windowNanos / 2));
    }

    /** Waits until the next look is due: one interval after the one before, never past the end of the window. */
    public void awaitNext() throws InterruptedException {
        dueNanos = Math.min(dueNanos + intervalNanos, windowNanos);
        long wait = startNanos + dueNanos - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(Duration.ofNanos(wait));
        }
    }

    /** True once the look just awaited is the window's last. */
    public boolean over() {
        return dueNanos >= windowNanos;
    }
}
