package io.cloudscale.playbooks.load;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
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
