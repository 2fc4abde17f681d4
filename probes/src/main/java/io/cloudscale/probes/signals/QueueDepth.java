package io.cloudscale.probes.signals;

import java.time.Duration;

/** Queue depth at both ends of a window: is it growing (nobody drains it), and is the dead-letter queue? */
public record QueueDepth(String queue, QueueCounts first, QueueCounts last, Duration window) {

    public long activeDelta() {
        return last.active() - first.active();
    }

    public long deadLetterDelta() {
        return last.deadLetter() - first.deadLetter();
    }

    public boolean growing() {
        return activeDelta() > 0;
    }

    public boolean deadLettersGrowing() {
        return deadLetterDelta() > 0;
    }
}
