package io.cloudscale.playbooks.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudscale.core.Poll;
import java.time.Duration;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The dashboard and the clients are stand-ins here (counts as functions of a fake clock the watch's waits move);
 * the real ones are drilled by `.ci/run`.
 */
class SymptomWatchTest {

    /** Time moves only when the watch waits. */
    private static final class FakeTicker implements Poll.Ticker {
        long nanos;

        @Override
        public long nanos() {
            return nanos;
        }

        @Override
        public void sleep(Duration duration) {
            nanos += duration.toNanos();
        }
    }

    private final FakeTicker ticker = new FakeTicker();

    /** Counts that move by {@code perTenMillis} every 10 ms of fake time. */
    private Long at(long base, LongUnaryOperator perTenMillis) {
        return base + perTenMillis.applyAsLong(ticker.nanos / 10_000_000);
    }

    private SymptomWatch watch(java.util.function.Supplier<Long> stored, java.util.function.Supplier<Long> sent) {
        return new SymptomWatch(stored, sent, Duration.ofMillis(300), Duration.ofMillis(50), ticker);
    }

    @Test
    void aCountThatKeepsUpWithTheClientsIsNoSymptom() throws InterruptedException {
        SymptomWatch.Symptom symptom = watch(() -> at(1000, ticks -> 19 * ticks), () -> at(5000, ticks -> 20 * ticks))
                .await(Duration.ofMillis(800));

        assertFalse(symptom.seen(), symptom.reading());
        assertEquals("stored +570 while clients sent 600 in 300ms", symptom.reading());
    }

    @Test
    void aCountThatStallsWhileClientsSendIsTheSymptom() throws InterruptedException {
        SymptomWatch.Symptom symptom = watch(() -> 1000L, () -> at(5000, ticks -> 20 * ticks)).await(Duration.ofSeconds(5));

        assertTrue(symptom.seen(), symptom.reading());
        assertEquals("stored +0 while clients sent 600 in 300ms", symptom.reading());
        assertEquals(Duration.ofMillis(300), symptom.after(), "seen at the first look a whole span after the first");
    }

    @Test
    void aCountThatStallsAfterAWhileIsSeenOnceAWholeSpanHasStalled() throws InterruptedException {
        SymptomWatch.Symptom symptom = watch(() -> at(1000, ticks -> 19 * Math.min(ticks, 100)), () -> at(5000, ticks -> 20 * ticks))
                .await(Duration.ofSeconds(5));

        assertTrue(symptom.seen(), symptom.reading());
        assertTrue(symptom.after().compareTo(Duration.ofMillis(1000)) > 0, "not before the count stopped at 1 s: " + symptom.after());
        assertTrue(symptom.after().compareTo(Duration.ofMillis(1400)) <= 0, "within a span and a look of it: " + symptom.after());
    }

    @Test
    void aDashboardThatCannotCountIsTheSymptomAtOnce() throws InterruptedException {
        SymptomWatch.Symptom symptom = new SymptomWatch(() -> null, () -> 5000L, Duration.ofSeconds(6), Duration.ofMillis(50), ticker)
                .await(Duration.ofSeconds(5));

        assertTrue(symptom.seen());
        assertEquals("the dashboard cannot count", symptom.reading());
        assertEquals(Duration.ZERO, symptom.after());
    }

    @Test
    void whenClientsSendNothingOnlyAFlatCountIsTheSymptom() {
        assertTrue(SymptomWatch.stopped(0, 0));
        assertFalse(SymptomWatch.stopped(1, 0));
        assertTrue(SymptomWatch.stopped(5, 100), "a tenth of what was sent still counts as stopped: a shed stream trickles");
        assertFalse(SymptomWatch.stopped(11, 100));
    }
}
