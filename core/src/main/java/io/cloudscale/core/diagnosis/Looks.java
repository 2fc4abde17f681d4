package io.cloudscale.core.diagnosis;

import java.time.Duration;

/** The looks of a probe over a window: one each {@link #INTERVAL} after the first, the last at the window's end. */
public final class Looks {

    public static final Duration INTERVAL = Duration.ofSeconds(1);

    private final long startNanos = System.nanoTime();
    private final long windowNanos;
    private long dueNanos;

    public Looks(Duration window) {
        this.windowNanos = Math.max(0, window.toNanos());
    }

    /** Waits until the next look is due: one interval after the one before, never past the end of the window. */
    public void awaitNext() throws InterruptedException {
        dueNanos = Math.min(dueNanos + INTERVAL.toNanos(), windowNanos);
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
