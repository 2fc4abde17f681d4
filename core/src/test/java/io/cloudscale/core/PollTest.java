package io.cloudscale.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollTest {

    /** A clock that moves only when the poll sleeps or a look says it took time. */
    static final class FakeTicker implements Poll.Ticker {
        long nanos;
        final List<Duration> sleeps = new ArrayList<>();

        @Override
        public long nanos() {
            return nanos;
        }

        @Override
        public void sleep(Duration duration) {
            sleeps.add(duration);
            nanos += duration.toNanos();
        }

        void spend(Duration duration) {
            nanos += duration.toNanos();
        }
    }

    @Test
    void aConditionThatHoldsAtOnceIsLookedAtOnceWithoutWaiting() throws Exception {
        FakeTicker ticker = new FakeTicker();
        Poll.Result<String> result = Poll.until(() -> "up", "up"::equals, Duration.ofSeconds(1), Duration.ofSeconds(10), ticker);
        assertTrue(result.held());
        assertEquals(1, result.looks());
        assertEquals("up", result.last());
        assertTrue(ticker.sleeps.isEmpty());
    }

    @Test
    void looksEachIntervalUntilItHolds() throws Exception {
        FakeTicker ticker = new FakeTicker();
        int[] count = {0};
        Poll.Result<Integer> result = Poll.until(() -> ++count[0], n -> n == 4, Duration.ofMillis(500), Duration.ofSeconds(10), ticker);
        assertTrue(result.held());
        assertEquals(4, result.looks());
        assertEquals(Duration.ofMillis(1500), result.elapsed());
        assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(500)), ticker.sleeps);
    }

    @Test
    void givesUpWhenTheNextLookWouldBePastTheDeadlineWithTheLastLook() throws Exception {
        FakeTicker ticker = new FakeTicker();
        int[] count = {0};
        Poll.Result<Integer> result = Poll.until(() -> ++count[0], n -> false, Duration.ofSeconds(1), Duration.ofMillis(3500), ticker);
        assertFalse(result.held());
        assertEquals(4, result.looks(), "looks at 0, 1, 2 and 3 s; one at 4 s would be past 3.5 s");
        assertEquals(4, result.last());
        assertEquals(Duration.ofSeconds(3), result.elapsed());
    }

    @Test
    void aSlowLookShortensTheWaitAfterItAndAVerySlowOneIsFollowedAtOnce() throws Exception {
        FakeTicker ticker = new FakeTicker();
        List<Duration> lookTimes = List.of(Duration.ofMillis(300), Duration.ofMillis(2500), Duration.ofMillis(100));
        int[] count = {0};
        Poll.until(() -> {
            ticker.spend(lookTimes.get(count[0]));
            return ++count[0];
        }, n -> n == 3, Duration.ofSeconds(1), Duration.ofSeconds(30), ticker);
        assertEquals(List.of(Duration.ofMillis(700)), ticker.sleeps, "after the 2.5 s look, the next one starts at once, no catching up");
    }

    @Test
    void aLooksOwnFailureReachesTheCallerAsItIs() {
        FakeTicker ticker = new FakeTicker();
        IOException thrown = assertThrows(IOException.class, () -> Poll.until(() -> {
            throw new IOException("engine gone");
        }, x -> true, Duration.ofSeconds(1), Duration.ofSeconds(5), ticker));
        assertEquals("engine gone", thrown.getMessage());
    }

    @Test
    void anInterruptedThreadStopsPollingBeforeItsNextLook() {
        FakeTicker ticker = new FakeTicker();
        int[] count = {0};
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> Poll.until(() -> ++count[0], n -> false, Duration.ofSeconds(1), Duration.ofSeconds(5), ticker));
        assertEquals(0, count[0]);
    }

    @Test
    void aPollWithoutAPositiveIntervalIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Poll.until(() -> 1, n -> false, Duration.ZERO, Duration.ofSeconds(5), new FakeTicker()));
    }
}
