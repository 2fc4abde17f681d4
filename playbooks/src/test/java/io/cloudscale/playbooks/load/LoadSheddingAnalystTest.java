package io.cloudscale.playbooks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verdict's rules on small made-up ramps; the recorded runs are in {@link RecordedLoadReportsTest}. */
class LoadSheddingAnalystTest {

    private static final Duration BOUND = Duration.ofMillis(250);

    /** One held rate: counts by class and its p99; 10 s long. */
    static StageReport stage(double rate, long ok, long tooMany, long unavailable, long serverError, long timeout, long connection, double p99) {
        StatusCounts counts = new StatusCounts(ok, tooMany, unavailable, serverError, 0, timeout, connection);
        return new StageReport(rate, 10, counts.total(), 0, rate, ok / 10.0, counts, counts.successRatio(),
                new Latency(p99 / 3, p99 / 2, p99, p99, p99, p99 / 3));
    }

    static LoadReport ramp(StackObservation stack, StageReport... stages) {
        List<SecondSample> timeline = new ArrayList<>();
        StatusCounts totals = StatusCounts.NONE;
        for (int i = 0; i < stages.length; i++) {
            timeline.add(new SecondSample(10.0 * (i + 1), 10, stages[i].targetRate(), stages[i].sent(), 0, stages[i].counts(), stages[i].latency()));
            totals = totals.plus(stages[i].counts());
        }
        return new LoadReport("http://127.0.0.1:8080/api/events", 64, 5000, 0, 0, Instant.EPOCH, 10.0 * stages.length, totals.total(), 0,
                totals, stages[stages.length - 1].latency(), List.of(stages), timeline, stack);
    }

    static StackObservation calmStack(long accepted) {
        return new StackObservation("cloudscale", List.of(), accepted, accepted, 0L, 0L, 0L, null);
    }

    @Test
    void rejectionsAfterLatencyRoseWithTheRestServedIsShedding() {
        LoadReport report = ramp(calmStack(20_000),
                stage(100, 1000, 0, 0, 0, 0, 0, 10),
                stage(200, 2000, 0, 0, 0, 0, 0, 40),
                stage(400, 3900, 0, 100, 0, 0, 0, 900),
                stage(800, 3300, 1200, 3500, 0, 0, 0, 950));

        LoadVerdict verdict = LoadSheddingAnalyst.decide(report, BOUND);

        assertEquals(LoadVerdict.Kind.SHEDDING, verdict.kind());
        assertEquals(200, verdict.knee().rate());
        assertTrue(verdict.knee().exact());
        assertTrue(verdict.evidence().stream().anyMatch(line -> line.startsWith("latency rose before rejections began: p99 10.0 ms")), verdict.evidence().toString());
        assertTrue(verdict.summary().contains("knee 200 req/s"), verdict.summary());
        assertTrue(verdict.kind().healthy());
    }

    @Test
    void rejectionsWithoutARiseAreStillSheddingAndSaySo() {
        LoadReport report = ramp(null, stage(100, 1000, 0, 0, 0, 0, 0, 10), stage(200, 1500, 500, 0, 0, 0, 0, 11));

        LoadVerdict verdict = LoadSheddingAnalyst.decide(report, BOUND);

        assertEquals(LoadVerdict.Kind.SHEDDING, verdict.kind());
        assertTrue(verdict.evidence().stream().anyMatch(line -> line.startsWith("latency did not rise before rejections began")), verdict.evidence().toString());
        assertTrue(verdict.evidence().stream().anyMatch(line -> line.contains("containers not watched")), verdict.evidence().toString());
    }

    @Test
    void otherServerErrorsOverTheToleranceAreBreakageEvenWithRejections() {
        LoadReport report = ramp(calmStack(5000), stage(100, 1000, 0, 0, 0, 0, 0, 10), stage(200, 1500, 0, 400, 100, 0, 0, 300));

        LoadVerdict verdict = LoadSheddingAnalyst.decide(report, BOUND);

        assertEquals(LoadVerdict.Kind.BREAKAGE, verdict.kind());
        assertTrue(verdict.summary().startsWith("breakage: 100 answers were 5xx other than 503"), verdict.summary());
        assertFalse(verdict.kind().healthy());
    }

    @Test
    void aStrayFailureWithinTheToleranceIsNamedButIsNoVerdict() {
        LoadReport report = ramp(calmStack(5000), stage(100, 2999, 0, 0, 0, 1, 0, 10), stage(200, 2000, 0, 0, 0, 0, 0, 20));

        LoadVerdict verdict = LoadSheddingAnalyst.decide(report, BOUND);

        assertEquals(LoadVerdict.Kind.WITHIN_CAPACITY, verdict.kind());
        assertTrue(verdict.evidence().getFirst().contains("1 other failures"), verdict.evidence().toString());
        assertEquals(200, verdict.knee().rate());
        assertFalse(verdict.knee().exact(), "nothing went past 200 req/s: the limit is at least that");
    }

    @Test
    void aRestartOrALostEventIsBreakageWhateverTheClientSaw() {
        StackObservation restarted = new StackObservation("cloudscale", List.of(new StackObservation.Restart("ingestion-api", "restarted 1 time(s)")),
                3000, 3000L, 0L, 0L, 0L, null);
        StackObservation lost = new StackObservation("cloudscale", List.of(), 3000, 2990L, 0L, 0L, 10L, null);

        assertEquals(LoadVerdict.Kind.BREAKAGE, LoadSheddingAnalyst.decide(ramp(restarted, stage(100, 1000, 0, 0, 0, 0, 0, 10),
                stage(200, 2000, 0, 0, 0, 0, 0, 10)), BOUND).kind());
        LoadVerdict verdict = LoadSheddingAnalyst.decide(ramp(lost, stage(100, 1000, 0, 0, 0, 0, 0, 10), stage(200, 2000, 0, 0, 0, 0, 0, 10)), BOUND);
        assertEquals("breakage: 10 of 3000 accepted events were lost: 2990 stored, 0 dead-lettered, 0 still queued", verdict.summary());
    }

    @Test
    void everythingRejectedIsAnOutageNotShedding() {
        LoadReport report = ramp(null, stage(100, 1000, 0, 0, 0, 0, 0, 10), stage(200, 0, 0, 2000, 0, 0, 0, 1));

        LoadVerdict verdict = LoadSheddingAnalyst.decide(report, BOUND);

        assertEquals(LoadVerdict.Kind.BREAKAGE, verdict.kind());
        assertTrue(verdict.summary().contains("nothing was accepted"), verdict.summary());
    }

    @Test
    void latencyOverTheBoundWithoutRejectionsIsSaturationAndTheKneeIsTheLastRateHeld() {
        LoadReport report = ramp(calmStack(8000),
                stage(100, 1000, 0, 0, 0, 0, 0, 12),
                stage(200, 2000, 0, 0, 0, 0, 0, 80),
                stage(300, 3000, 0, 0, 0, 0, 0, 1800),
                stage(400, 2000, 0, 0, 0, 0, 0, 200)); // a lucky step past the first failing one is not the knee

        LoadVerdict verdict = LoadSheddingAnalyst.decide(report, BOUND);

        assertEquals(LoadVerdict.Kind.SATURATION, verdict.kind());
        assertEquals(200, verdict.knee().rate());
        assertEquals(80, verdict.knee().p99Millis());
        assertTrue(verdict.evidence().stream().anyMatch(line -> line.startsWith("from the 300 req/s step p99 was 1.80 s")), verdict.evidence().toString());
    }

    @Test
    void noRateSustainedHasNoKnee() {
        LoadReport report = ramp(null, stage(100, 1000, 0, 0, 0, 0, 0, 400), stage(200, 2000, 0, 0, 0, 0, 0, 800));

        LoadVerdict verdict = LoadSheddingAnalyst.decide(report, BOUND);

        assertEquals(LoadVerdict.Kind.SATURATION, verdict.kind());
        assertNull(verdict.knee());
        assertTrue(verdict.evidence().stream().anyMatch(line -> line.contains("the limit is below 100 req/s")), verdict.evidence().toString());
    }

    @Test
    void aSingleRateIsReadSecondBySecondAndCannotPlaceTheKnee() {
        List<SecondSample> seconds = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            StatusCounts counts = i < 4 ? new StatusCounts(100, 0, 0, 0, 0, 0, 0) : new StatusCounts(60, 0, 40, 0, 0, 0, 0);
            seconds.add(new SecondSample(i, 1, 100, 100, 0, counts, new Latency(5, 8, i < 3 ? 10 : 200, 10, 10, 5)));
        }
        StatusCounts totals = seconds.stream().map(SecondSample::counts).reduce(StatusCounts.NONE, StatusCounts::plus);
        LoadReport report = new LoadReport("http://x:1/api/events", 8, 5000, 0, 0, Instant.EPOCH, 5, 500, 0, totals, Latency.NONE,
                List.of(new StageReport(100, 5, 500, 0, 100, 92, totals, totals.successRatio(), Latency.NONE)), seconds, null);

        LoadVerdict verdict = LoadSheddingAnalyst.decide(report, BOUND);

        assertEquals(LoadVerdict.Kind.SHEDDING, verdict.kind());
        assertEquals("seconds", verdict.basis());
        assertNotNull(verdict.knee());
        assertFalse(verdict.knee().exact());
        assertTrue(verdict.evidence().stream().anyMatch(line -> line.contains("latency rose before rejections began: p99 10.0 ms at second 1")), verdict.evidence().toString());
    }
}
