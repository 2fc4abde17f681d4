package io.cloudscale.playbooks.drill;

import io.cloudscale.core.Durations;
import io.cloudscale.core.Poll;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * Waits until the stack counts: the dashboard's count grows while the clients send, and the clients' last clean span of
 * requests were all accepted. A service that reconnects late (an API still failing some sends after its network came
 * back) is not restored yet, and would otherwise be read as the next fault's symptom. The dashboard recounts a big
 * store seldom (a count is a scan, taken at most every ten times its own duration): one that has not recounted by the
 * end of the wait is given as long again for one new count, since a count it shows again says nothing either way.
 */
final class CountingWatch {

    private enum Look { COUNTING, WAITING, GAVE_UP }

    private final Supplier<DashboardCount> counts;
    private final Supplier<ClientTraffic.Tally> tallies;
    private final DrillRunner.Timing timing;
    private final Clock clock;
    private final Poll.Ticker ticker;

    CountingWatch(Supplier<DashboardCount> counts, Supplier<ClientTraffic.Tally> tallies, DrillRunner.Timing timing, Clock clock, Poll.Ticker ticker) {
        this.counts = counts;
        this.tallies = tallies;
        this.timing = timing;
        this.clock = clock;
        this.ticker = ticker;
    }

    /** Null once the stack counts; else what was seen instead, when the time is up. */
    String await() throws InterruptedException {
        Looks looks = new Looks(ticker.nanos());
        Poll.Result<Look> result = Poll.until(looks::look, look -> look != Look.WAITING, timing.look(), timing.counting().multipliedBy(2), ticker);
        return result.last() == Look.COUNTING ? null : looks.whyNot();
    }

    /** One wait's looks: the dashboard's counts and the clients' tallies, the last clean span of them kept. */
    private final class Looks {
        private final long start;
        private DashboardCount base;
        private DashboardCount last;
        private boolean recounted;
        private boolean grew;
        private final Deque<ClientTraffic.Tally> recent = new ArrayDeque<>();

        Looks(long start) {
            this.start = start;
        }

        Look look() {
            last = counts.get();
            if (last != null && base == null) {
                base = last;
            } else if (last != null && last.recountedSince(base)) {
                recounted = true;
                if (last.events() > base.events()) {
                    grew = true;
                } else if (last.events() < base.events()) {
                    base = last; // the store came back empty (the offline store keeps its data in memory)
                }
            }
            recent.addLast(tallies.get());
            if (recent.size() > timing.cleanLooks() + 1) {
                recent.removeFirst();
            }
            if (grew && recent.size() > timing.cleanLooks() && cleanBetween(recent.getFirst(), recent.getLast())) {
                return Look.COUNTING;
            }
            boolean waitedLongEnough = elapsed().compareTo(timing.counting()) >= 0;
            return waitedLongEnough && (recounted || last == null) ? Look.GAVE_UP : Look.WAITING;
        }

        String whyNot() {
            if (last == null) {
                return "the dashboard cannot count";
            }
            if (!recounted) {
                return "the dashboard has not recounted the store in " + Durations.format(elapsed()) + " (it still shows " + last.describe(clock) + ")";
            }
            if (!grew) {
                return "stored stayed at " + last.events() + " for " + Durations.format(elapsed());
            }
            ClientTraffic.Tally first = recent.getFirst();
            ClientTraffic.Tally now = recent.getLast();
            return "counting, but the clients' requests still fail: %d rejected and %d failed of %d in the last %s".formatted(
                    now.rejected() - first.rejected(), now.failed() - first.failed(), now.attempted() - first.attempted(),
                    Durations.format(timing.look().multipliedBy(recent.size() - 1)));
        }

        private Duration elapsed() {
            return Duration.ofNanos(ticker.nanos() - start).withNanos(0);
        }
    }

    private static boolean cleanBetween(ClientTraffic.Tally before, ClientTraffic.Tally after) {
        return after.accepted() > before.accepted() && after.rejected() == before.rejected() && after.failed() == before.failed();
    }
}
