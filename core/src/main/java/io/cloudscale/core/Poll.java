package io.cloudscale.core;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * The one way the tool waits for something: look, judge the look, and look again each interval until it
 * holds or the deadline would pass before the next look. Looks are due an interval apart, start to start: a
 * slow look shortens the wait after it.
 */
public final class Poll {

    private Poll() {
    }

    /** One look at what is waited for; it may fail with its own checked exception. */
    @FunctionalInterface
    public interface Look<T, E extends Exception> {
        T look() throws E;
    }

    /** The clock a poll waits on: the system's monotonic one, or a fake one in tests. */
    public interface Ticker {
        long nanos();

        void sleep(Duration duration) throws InterruptedException;

        Ticker SYSTEM = new Ticker() {
            @Override
            public long nanos() {
                return System.nanoTime();
            }

            @Override
            public void sleep(Duration duration) throws InterruptedException {
                Thread.sleep(duration);
            }
        };
    }

    /** How a poll ended: the last look, whether it held, how many looks were taken and over how long. */
    public record Result<T>(T last, boolean held, int looks, Duration elapsed) {
    }

    public static <T, E extends Exception> Result<T> until(Look<T, E> look, Predicate<? super T> holds, Duration interval,
                                                           Duration deadline) throws E, InterruptedException {
        return until(look, holds, interval, deadline, Ticker.SYSTEM);
    }

    public static <T, E extends Exception> Result<T> until(Look<T, E> look, Predicate<? super T> holds, Duration interval,
                                                           Duration deadline, Ticker ticker) throws E, InterruptedException {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("a poll's interval must be positive, not " + interval);
        }
        long start = ticker.nanos();
        long due = start;
        int looks = 0;
        while (true) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            T last = look.look();
            looks++;
            long now = ticker.nanos();
            if (holds.test(last)) {
                return new Result<>(last, true, looks, Duration.ofNanos(now - start));
            }
            due = Math.max(due + interval.toNanos(), now); // a look slower than the interval is followed at once, not caught up
            if (due - start > deadline.toNanos()) {
                return new Result<>(last, false, looks, Duration.ofNanos(now - start));
            }
            if (due > now) {
                ticker.sleep(Duration.ofNanos(due - now));
            }
        }
    }
}
