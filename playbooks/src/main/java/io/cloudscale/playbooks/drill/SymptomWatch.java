package io.cloudscale.playbooks.drill;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * Waits for the symptom an operator would see: the dashboard stops counting. Over a span of readings,
 * the count grew by at most a tenth of what the clients sent (nothing at all when they sent nothing), or
 * the dashboard could not count.
 */
public final class SymptomWatch {

    /** How it ended: seen after {@code after}, or not seen within the wait, with the last reading. */
    public record Symptom(boolean seen, Duration after, String reading) {
    }

    record Sample(long nanos, Long stored, long attempted) {
    }

    private final Supplier<Long> stored;
    private final Supplier<Long> attempted;
    private final Duration span;
    private final Duration interval;

    public SymptomWatch(Supplier<Long> stored, Supplier<Long> attempted, Duration span, Duration interval) {
        this.stored = stored;
        this.attempted = attempted;
        this.span = span;
        this.interval = interval;
    }

    public Symptom await(Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        Deque<Sample> samples = new ArrayDeque<>();
        String last = "no reading";
        while (true) {
            Sample now = new Sample(System.nanoTime(), stored.get(), attempted.get());
            samples.addLast(now);
            // keep the newest sample that is at least a span old as the first: the span measured is never shorter
            while (samples.size() > 2 && now.nanos() - secondOf(samples).nanos() >= span.toNanos()) {
                samples.removeFirst();
            }
            Sample first = samples.peekFirst();
            if (now.stored() == null) {
                return new Symptom(true, Duration.ofNanos(now.nanos() - start), "the dashboard cannot count");
            }
            if (now.nanos() - first.nanos() >= span.toNanos() && first.stored() != null) {
                long grew = now.stored() - first.stored();
                long sent = now.attempted() - first.attempted();
                last = "stored +%d while clients sent %d in %s".formatted(grew, sent, io.cloudscale.core.Durations.format(Duration.ofNanos(now.nanos() - first.nanos())));
                if (stopped(grew, sent)) {
                    return new Symptom(true, Duration.ofNanos(now.nanos() - start), last);
                }
            }
            if (System.nanoTime() - start > timeout.toNanos()) {
                return new Symptom(false, Duration.ofNanos(System.nanoTime() - start), last);
            }
            Thread.sleep(interval);
        }
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
