package io.cloudscale.playbooks.load;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongUnaryOperator;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Where the generator's connections record each request, from any thread without locks; read back as one
 * interval at a time (the counts and latencies since the last read).
 */
public final class LoadRecorder {

    /** An hour, in microseconds: nothing a load test waits for is longer. */
    static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    private final Recorder latency = new Recorder(HIGHEST_MICROS, 3);
    /** The latency histograms' buckets, to tell which waits land in the same one (read only). */
    private static final Histogram BUCKETS = new Histogram(HIGHEST_MICROS, 3);
    private final LongAdder sent = new LongAdder();
    private final LongAdder unsent = new LongAdder();
    private final LongAdder[] outcomes = new LongAdder[Outcome.values().length];
    private long sentRead;
    private long unsentRead;
    private final long[] outcomesRead = new long[Outcome.values().length];

    /** What happened between two reads. {@code latency} is in microseconds from each request's intended send time. */
    public record Interval(long sent, long unsent, StatusCounts counts, Histogram latency) {
    }

    public LoadRecorder() {
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = new LongAdder();
        }
    }

    public void sent() {
        sent.increment();
    }

    /** A request that ended: latency runs from when it was due, not from when it went out. */
    public void ended(Outcome outcome, long intendedNanos, long endedNanos) {
        outcomes[outcome.ordinal()].increment();
        latency.recordValue(micros(endedNanos - intendedNanos));
    }

    /**
     * A request that was due before the stage ended but never went out (every connection was busy): it is
     * counted apart, and its wait so far goes into the latencies, so a backlog cannot make them look better.
     */
    public void unsent(long intendedNanos, long endNanos) {
        unsent.increment();
        latency.recordValue(micros(endNanos - intendedNanos));
    }

    /**
     * {@code count} requests due at {@code due(0)}, {@code due(1)}, ... before the stage ended and never sent:
     * as {@code count} calls of {@link #unsent(long, long)}, but each run of waits the histogram cannot tell
     * apart (the same bucket: the same counts, and the same min, max, mean and percentiles read back) is
     * recorded once with its count. At a rate far above what the endpoint answers, millions are left at a
     * stage's end, and recording them one by one held the stage open for a good part of a second.
     */
    public void unsent(long count, LongUnaryOperator due, long endNanos) {
        if (count <= 0) {
            return;
        }
        unsent.add(count);
        long runValue = 0;
        long runLowest = 0;
        long runHighest = -1;
        long runCount = 0;
        for (long i = 0; i < count; i++) {
            long value = micros(endNanos - due.applyAsLong(i));
            if (runCount > 0 && value >= runLowest && value <= runHighest) {
                runCount++;
                continue;
            }
            if (runCount > 0) {
                latency.recordValueWithCount(runValue, runCount);
            }
            runValue = value;
            runLowest = BUCKETS.lowestEquivalentValue(value);
            runHighest = BUCKETS.highestEquivalentValue(value);
            runCount = 1;
        }
        latency.recordValueWithCount(runValue, runCount);
    }

    private static long micros(long nanos) {
        return Math.min(HIGHEST_MICROS, Math.max(0, nanos / 1000));
    }

    /** Everything since the previous call (one reader at a time). */
    public synchronized Interval read() {
        long sentNow = sent.sum();
        long unsentNow = unsent.sum();
        long[] delta = new long[outcomes.length];
        for (int i = 0; i < outcomes.length; i++) {
            long now = outcomes[i].sum();
            delta[i] = now - outcomesRead[i];
            outcomesRead[i] = now;
        }
        Interval interval = new Interval(sentNow - sentRead, unsentNow - unsentRead, StatusCounts.of(delta), latency.getIntervalHistogram());
        sentRead = sentNow;
        unsentRead = unsentNow;
        return interval;
    }
}
