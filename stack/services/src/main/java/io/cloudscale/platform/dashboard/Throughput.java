package io.cloudscale.platform.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** Events stored per minute, from successive readings of the store's count over a sliding window. */
final class Throughput {

    private record Reading(Instant at, long count) {
    }

    private final Duration window;
    private final Deque<Reading> readings = new ArrayDeque<>();

    Throughput(Duration window) {
        this.window = window;
    }

    synchronized void record(Instant at, long count) {
        if (!readings.isEmpty() && count < readings.peekLast().count()) {
            readings.clear(); // the store was emptied (or replaced): a negative rate would be a lie
        }
        readings.addLast(new Reading(at, count));
        while (readings.size() > 2 && readings.peekFirst().at().isBefore(at.minus(window))) {
            readings.removeFirst();
        }
    }

    /** Per minute over the readings held; null until two readings at least a second apart exist. */
    synchronized Double perMinute() {
        if (readings.size() < 2) {
            return null;
        }
        Reading first = readings.peekFirst();
        Reading last = readings.peekLast();
        long millis = Duration.between(first.at(), last.at()).toMillis();
        if (millis < 1000) {
            return null;
        }
        return (last.count() - first.count()) * 60_000.0 / millis;
    }
}
