package io.cloudscale.playbooks.drill;

import io.cloudscale.core.Durations;
import io.cloudscale.core.Poll;
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
    private final Poll.Ticker ticker;

    public SymptomWatch(Supplier<Long> stored, Supplier<Long> attempted, Duration span, Duration interval) {
        this(stored, attempted, span, interval, Poll.Ticker.SYSTEM);
    }

    SymptomWatch(Supplier<Long> stored, Supplier<Long> attempted, Duration span, Duration interval, Poll.Ticker ticker) {
        this.stored = stored;
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
            Sample now = new Sample(ticker.nanos(), stored.get(), attempted.get());
            samples.addLast(now);
            // keep the newest sample that is at least a span old as the first: the span measured is never shorter
            while (samples.size() > 2 && now.nanos() - secondOf(samples).nanos() >= span.toNanos()) {
                samples.removeFirst();
            }
            Sample first = samples.peekFirst();
            Duration after = Duration.ofNanos(now.nanos() - start);
            if (now.stored() == null) {
                return new Symptom(true, after, "the dashboard cannot count");
            }
            if (now.nanos() - first.nanos() >= span.toNanos() && first.stored() != null) {
                long grew = now.stored() - first.stored();
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
