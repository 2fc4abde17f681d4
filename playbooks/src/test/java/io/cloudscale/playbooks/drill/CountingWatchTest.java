package io.cloudscale.playbooks.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The dashboard and the clients are stand-ins here (counts and tallies as functions of a fake clock the watch's waits
 * move); the real ones are drilled by `.ci/run`.
 */
class CountingWatchTest {

    private static final Instant EPOCH = Instant.parse("2026-12-03T12:00:00Z");
    /** Looks every 100 ms, 3 clean looks, 2 s to count. */
    private static final DrillRunner.Timing TIMING = new DrillRunner.Timing(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofSeconds(5));

    private final FakeTicker ticker = new FakeTicker();

    private long millis() {
        return ticker.nanos / 1_000_000;
    }

    /** Clients sending 20 a second, every one accepted. */
    private ClientTraffic.Tally allAccepted() {
        long sent = millis() / 50;
        return new ClientTraffic.Tally(sent, sent, 0, 0);
    }

    private String await(Supplier<DashboardCount> counts, Supplier<ClientTraffic.Tally> tallies) throws InterruptedException {
        return new CountingWatch(counts, tallies, TIMING, Clock.fixed(EPOCH.plusSeconds(30), ZoneOffset.UTC), ticker).await();
    }

    @Test
    void aCountThatGrowsWhileEveryRequestIsAcceptedIsCounting() throws InterruptedException {
        String why = await(() -> new DashboardCount(100 + millis() / 100, EPOCH.plusMillis(millis())), this::allAccepted);

        assertNull(why);
        assertTrue(millis() < 1000, "seen within a few looks: " + millis() + " ms");
    }

    @Test
    void aCountThatStaysPutWhileTheDashboardRecountsIsNotCountingAfterTheWait() throws InterruptedException {
        String why = await(() -> new DashboardCount(100, EPOCH.plusMillis(millis())), this::allAccepted);

        assertEquals("stored stayed at 100 for 2s", why);
        assertEquals(2000, millis(), "the wait, not longer: the dashboard did recount");
    }

    @Test
    void aDashboardThatHasNotRecountedIsGivenAsLongAgainForOneNewCount() throws InterruptedException {
        // a big store: the dashboard counts it every 3 s, longer than the wait; the count it then takes has grown
        Supplier<DashboardCount> seldom = () -> {
            long countedAt = millis() < 3000 ? 0 : 3000;
            return new DashboardCount(100 + countedAt / 10, EPOCH.plusMillis(countedAt));
        };

        String why = await(seldom, this::allAccepted);

        assertNull(why, "counting, once the dashboard counted again");
        assertTrue(millis() >= 3000 && millis() < 4000, "waited for the new count: " + millis() + " ms");
    }

    @Test
    void aDashboardThatNeverRecountsSaysSoAfterTwiceTheWait() throws InterruptedException {
        String why = await(() -> new DashboardCount(26_046, EPOCH), this::allAccepted);

        assertEquals("the dashboard has not recounted the store in 4s (it still shows 26046, counted 30s ago)", why);
    }

    @Test
    void aCountThatGrowsWhileRequestsStillFailIsNotRestoredYet() throws InterruptedException {
        Supplier<ClientTraffic.Tally> someRejected = () -> {
            long sent = millis() / 50;
            return new ClientTraffic.Tally(sent, sent - sent / 4, sent / 4, 0);
        };

        String why = await(() -> new DashboardCount(100 + millis() / 100, EPOCH.plusMillis(millis())), someRejected);

        assertTrue(why.startsWith("counting, but the clients' requests still fail: "), why);
    }

    @Test
    void aDashboardThatCannotCountSaysSo() throws InterruptedException {
        assertEquals("the dashboard cannot count", await(() -> null, this::allAccepted));
        assertEquals(2000, millis());
    }

    @Test
    void aStoreThatComesBackEmptyAndCountsAgainIsCounting() throws InterruptedException {
        // the offline store keeps its data in memory: re-created, it counts from 0
        Supplier<DashboardCount> emptied = () -> new DashboardCount(millis() < 500 ? 5000 : millis() / 100, EPOCH.plusMillis(millis()));

        assertNull(await(emptied, this::allAccepted));
    }
}
