package io.cloudscale.playbooks.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The dashboard and the clients are stand-ins here (counts as functions of a fake clock the watch's waits move);
 * the real ones are drilled by `.ci/run`.
 */
class SymptomWatchTest {

    private static final Instant EPOCH = Instant.parse("2026-12-03T12:00:00Z");
    private final FakeTicker ticker = new FakeTicker();

    /** Counts that move by {@code perTenMillis} every 10 ms of fake time. */
    private Long at(long base, LongUnaryOperator perTenMillis) {
        return base + perTenMillis.applyAsLong(ticker.nanos / 10_000_000);
    }

    /** The dashboard counting at every look, as it does on a small store. */
    private Supplier<DashboardCount> countedNow(Supplier<Long> events) {
        return () -> new DashboardCount(events.get(), EPOCH.plusNanos(ticker.nanos));
    }

    private SymptomWatch watch(Supplier<Long> stored, Supplier<Long> sent) {
        return new SymptomWatch(countedNow(stored), sent, Duration.ofMillis(300), Duration.ofMillis(50), ticker);
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

    @Test
    void aCountTheDashboardShowsAgainWithoutRecountingIsNoSymptom() throws InterruptedException {
        // a big store: the dashboard took its last count before the watch began and has not recounted since
        DashboardCount old = new DashboardCount(26_046, EPOCH.minusSeconds(40));

        SymptomWatch.Symptom symptom = new SymptomWatch(() -> old, () -> at(5000, ticks -> 20 * ticks), Duration.ofMillis(300),
                Duration.ofMillis(50), ticker).await(Duration.ofSeconds(2));

        assertFalse(symptom.seen(), "a count not taken again says nothing about the store: " + symptom.reading());
        assertTrue(symptom.reading().startsWith("no new count from the dashboard in "), symptom.reading());
        assertTrue(symptom.reading().endsWith("(it still shows 26046)"), symptom.reading());
    }

    @Test
    void countsTakenSeldomAreComparedOverTheSpanBetweenThem() throws InterruptedException {
        // the dashboard recounts every 400 ms: between two counts the store grew as the clients sent, then stopped growing
        Supplier<DashboardCount> seldom = () -> {
            long recountedAtTick = ticker.nanos / 400_000_000 * 40;
            long events = 1000 + 19 * Math.min(recountedAtTick, 100);
            return new DashboardCount(events, EPOCH.plusMillis(recountedAtTick * 10));
        };

        SymptomWatch.Symptom symptom = new SymptomWatch(seldom, () -> at(5000, ticks -> 20 * ticks), Duration.ofMillis(300),
                Duration.ofMillis(50), ticker).await(Duration.ofSeconds(5));

        assertTrue(symptom.seen(), symptom.reading());
        assertTrue(symptom.after().compareTo(Duration.ofMillis(1200)) >= 0, "not before two counts after the store stopped at 1 s: " + symptom.after());
        assertTrue(symptom.reading().startsWith("stored +0 while clients sent "), symptom.reading());
    }
}
