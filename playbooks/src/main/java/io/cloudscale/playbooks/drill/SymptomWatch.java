package io.cloudscale.playbooks.drill;

import io.cloudscale.core.Durations;
import io.cloudscale.core.Poll;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * Waits for the symptom an operator would see: the dashboard stops counting. Over a span of the dashboard's counts,
 * the count grew by at most a tenth of what the clients sent (nothing at all when they sent nothing), or the dashboard
 * could not count. Only counts the dashboard took anew are compared: one it shows again because it has not recounted
 * the store yet (a big store's count is a slow scan, taken less often) says nothing about whether the store grew.
 */
public final class SymptomWatch {

    /** How it ended: seen after {@code after}, or not seen within the wait, with the last reading. */
    public record Symptom(boolean seen, Duration after, String reading) {
    }

    /** A new count from the dashboard, when the watch saw it, and what the clients had sent by then. */
    record Sample(long nanos, DashboardCount count, long attempted) {
    }

    private final Supplier<DashboardCount> counts;
    private final Supplier<Long> attempted;
    private final Duration span;
    private final Duration interval;
    private final Poll.Ticker ticker;

    public SymptomWatch(Supplier<DashboardCount> counts, Supplier<Long> attempted, Duration span, Duration interval) {
        this(counts, attempted, span, interval, Poll.Ticker.SYSTEM);
    }

    SymptomWatch(Supplier<DashboardCount> counts, Supplier<Long> attempted, Duration span, Duration interval, Poll.Ticker ticker) {
        this.counts = counts;
        this.attempted = attempted;
        this.span = span;
        this.interval = interval;
        this.ticker = ticker;
    }

    public Symptom await(Duration timeout) throws InterruptedException {
        long start = ticker.nanos();
        Deque<Sample> samples = new ArrayDeque<>();
        String[] last = {"no reading"};
        Poll.Result<Symptom> result = Poll.until(() -> {
            DashboardCount count = counts.get();
            long nanos = ticker.nanos();
            Duration after = Duration.ofNanos(nanos - start);
            if (count == null) {
                return new Symptom(true, after, "the dashboard cannot count");
            }
            if (!samples.isEmpty() && !count.recountedSince(samples.getLast().count())) {
                Duration stale = Duration.ofNanos(nanos - samples.getLast().nanos());
                if (stale.compareTo(span) >= 0) {
                    last[0] = "no new count from the dashboard in %s (it still shows %d)".formatted(Durations.format(stale.withNanos(0)), count.events());
                }
                return new Symptom(false, after, last[0]);
            }
            Sample now = new Sample(nanos, count, attempted.get());
            samples.addLast(now);
            // keep the newest sample that is at least a span old as the first: the span measured is never shorter
            while (samples.size() > 2 && now.nanos() - secondOf(samples).nanos() >= span.toNanos()) {
                samples.removeFirst();
            }
            Sample first = samples.getFirst();
            if (now.nanos() - first.nanos() >= span.toNanos()) {
                long grew = now.count().events() - first.count().events();
                long sent = now.attempted() - first.attempted();
                last[0] = "stored +%d while clients sent %d in %s".formatted(grew, sent, Durations.format(Duration.ofNanos(now.nanos() - first.nanos())));
                return new Symptom(stopped(grew, sent), after, last[0]);
            }
            return new Symptom(false, after, last[0]);
        }, Symptom::seen, interval, timeout, ticker);
        return result.last();
    }

    private static Sample secondOf(Deque<Sample> samples) {
        var iterator = samples.iterator();
        iterator.next();
        return iterator.next();
    }

    /** The count stalled: it grew by at most a tenth of what was sent. */
    static boolean stopped(long grew, long sent) {
        return grew <= sent / 10;
    }
}
