package io.cloudscale.probes.signals;

import java.time.Duration;

/**
 * Queue depth at the start, middle and end of a window: is it growing (nobody drains it), and is the
 * dead-letter queue? A draining queue jitters by a message or two; growing means it rose at each look.
 */
public record QueueDepth(String queue, QueueCounts first, QueueCounts middle, QueueCounts last, Duration window) {

    /** Two looks only: growing is any rise between them. */
    public QueueDepth(String queue, QueueCounts first, QueueCounts last, Duration window) {
        this(queue, first, null, last, window);
    }

    public long activeDelta() {
        return last.active() - first.active();
    }

    public long deadLetterDelta() {
        return last.deadLetter() - first.deadLetter();
    }

    public boolean growing() {
        if (middle == null) {
            return activeDelta() > 0;
        }
        return middle.active() > first.active() && last.active() > middle.active();
    }

    /**
     * Events wait in the queue and none was drained over the window: it holds some at the end, and never fewer than
     * at the start. Only where nothing arrives does a flat queue say that: under traffic, a draining queue is flat too.
     */
    public boolean holdsUndrained() {
        return last.active() > 0 && last.active() >= first.active() && (middle == null || middle.active() >= first.active());
    }

    public boolean deadLettersGrowing() {
        return deadLetterDelta() > 0;
    }
}
