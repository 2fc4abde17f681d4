package io.cloudscale.core.diagnosis;

import static io.cloudscale.core.diagnosis.DecisionTree.ask;
import static io.cloudscale.core.diagnosis.DecisionTree.cause;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudscale.core.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The engine on a small tree with scripted probes: ordering, once-only, deadlines, partial verdicts, learning. */
class DiagnosisEngineTest {

    static final ProbeKey<Double> RATE = ProbeKey.of("rate");
    static final ProbeKey<Boolean> QUEUE = ProbeKey.of("queue");
    static final ProbeKey<Integer> API = ProbeKey.of("api");
    static final ProbeKey<Boolean> DASH = ProbeKey.of("dash");

    static final Cause NO_TRAFFIC = Cause.problem("no-traffic", "nothing arrives", 0.3, "check the gateway");
    static final Cause STUCK = Cause.problem("stuck", "queue grows", 0.5, "read the processor's logs");
    static final Cause SHEDDING = Cause.problem("shedding", "API sheds", 0.15, "read the API's logs");
    static final Cause HEALTHY = Cause.healthy("healthy", "all good", 0.05,
            Prediction.of("at least 2 requests/s answered", RATE, rate -> rate >= 2));

    static DecisionTree tree() {
        return DecisionTree.named("mini", "mini tree").root(
                DecisionTree.ask("traffic", "Traffic arriving?", RATE, rate -> rate > 0)
                        .yes(DecisionTree.ask("growing", "Queue growing?", QUEUE, growing -> growing)
                                .yes(cause(STUCK))
                                .no(DecisionTree.ask("rejections", "API rejecting?", API, count -> count > 0)
                                        .yes(cause(SHEDDING))
                                        .no(cause(HEALTHY))))
                        .no(cause(NO_TRAFFIC)));
    }

    static final class Scripted implements Probe<Object> {
        final String name;
        final double cost;
        final Object value;
        final Duration delay;
        final AtomicInteger calls = new AtomicInteger();

        Scripted(String name, double cost, Object value, Duration delay) {
            this.name = name;
            this.cost = cost;
            this.value = value;
            this.delay = delay;
        }

        @Override
        public ProbeSpec<Object> spec() {
            return new ProbeSpec<>(ProbeKey.of(name), "scripted " + name, cost, Duration.ofMillis(500));
        }

        @Override
        public Observation<Object> observe(Settled settled) throws Exception {
            calls.incrementAndGet();
            Thread.sleep(delay);
            if (value instanceof Exception failure) {
                throw failure;
            }
            return Observation.of(name, Status.OK, value, List.of(new Evidence(name, Instant.EPOCH, name + " said " + value)));
        }
    }

    private static Map<String, Probe<?>> probes(Object rate, Object queue, Object api) {
        return Map.of("rate", new Scripted("rate", 1, rate, Duration.ZERO),
                "queue", new Scripted("queue", 2, queue, Duration.ZERO),
                "api", new Scripted("api", 5, api, Duration.ZERO));
    }

    private static Diagnosis run(Map<String, Probe<?>> probes, Map<String, Integer> history) {
        return new DiagnosisEngine(probes, Clock.systemUTC()).diagnose(tree(), history);
    }

    @Test
    void everyLeafIsReachable() {
        assertEquals("no-traffic", run(probes(0.0, false, 0), Map.of()).verdict().cause());
        assertEquals("stuck", run(probes(5.0, true, 0), Map.of()).verdict().cause());
        assertEquals("shedding", run(probes(5.0, false, 3), Map.of()).verdict().cause());
        Diagnosis healthy = run(probes(5.0, false, 0), Map.of());
        assertEquals("healthy", healthy.verdict().cause());
        assertTrue(healthy.verdict().healthy());
    }

    @Test
    void healthWithoutItsPositiveEvidenceIsUnexplainedNotHealthy() {
        Diagnosis diagnosis = run(probes(1.0, false, 0), Map.of());

        assertEquals(Diagnosis.Kind.UNEXPLAINED, diagnosis.verdict().kind());
        assertEquals("unexplained", diagnosis.verdict().cause());
        assertFalse(diagnosis.verdict().healthy());
        assertEquals(List.of("healthy: predicts at least 2 requests/s answered, but rate saw rate said 1.0"), diagnosis.verdict().ruledOut());
    }

    @Test
    void healthThatCouldNotBeCheckedIsNotHealth() {
        Map<String, Probe<?>> probes = Map.of("rate", new Scripted("rate", 1, 5.0, Duration.ZERO),
                "queue", new Scripted("queue", 2, false, Duration.ZERO),
                "api", new Scripted("api", 5, 0, Duration.ZERO),
                "dash", new Scripted("dash", 1, new IllegalStateException("no answer"), Duration.ZERO));
        Cause seen = Cause.healthy("healthy", "all good", 0.05, Prediction.of("the dashboard counts", DASH, counting -> counting));
        DecisionTree tree = DecisionTree.named("mini", "mini tree").whenUnexplained("look closer").root(
                DecisionTree.ask("traffic", "Traffic arriving?", RATE, rate -> rate > 0)
                        .yes(cause(seen))
                        .no(cause(Cause.problem("no-traffic", "nothing arrives", 0.95))));

        Diagnosis.Verdict verdict = new DiagnosisEngine(probes, Clock.systemUTC()).diagnose(tree, Map.of()).verdict();

        assertEquals(Diagnosis.Kind.UNEXPLAINED, verdict.kind());
        assertEquals(List.of("look closer"), verdict.fix());
        assertEquals(Prediction.Outcome.UNCHECKED, verdict.predictions().getFirst().outcome());
    }

    @Test
    void aCauseWhosePredictionsHoldIsTheVerdictWithThem() {
        Diagnosis.Verdict verdict = run(probes(5.0, false, 0), Map.of()).verdict();

        assertEquals(Diagnosis.Kind.HEALTHY, verdict.kind());
        assertEquals(List.of(new Prediction.Check("at least 2 requests/s answered", "rate", Prediction.Outcome.HELD, "rate said 5.0")),
                verdict.predictions());
    }

    @Test
    void thePathCarriesEachAnswerWithItsEvidence() {
        Diagnosis diagnosis = run(probes(5.0, true, 0), Map.of());

        assertEquals(List.of("traffic", "growing"), diagnosis.path().stream().map(Diagnosis.PathStep::question).toList());
        assertEquals(List.of(Diagnosis.Answer.YES, Diagnosis.Answer.YES), diagnosis.path().stream().map(Diagnosis.PathStep::answer).toList());
        assertEquals("queue said true", diagnosis.path().get(1).evidence().getFirst().text());
        assertTrue(diagnosis.verdict().complete());
        assertEquals(List.of("read the processor's logs"), diagnosis.verdict().fix());
        assertTrue(diagnosis.verdict().confidence() > 0.8, "answers agreeing with the path make it likely: " + diagnosis.verdict());
    }

    @Test
    void probesRunInOrderOfNeedOverCostAndEachAtMostOnce() {
        Map<String, Probe<?>> probes = probes(5.0, false, 0);

        Diagnosis diagnosis = run(probes, Map.of());

        // rate: need 1.0 / cost 1; queue: 0.7 / 2; api: 0.2 / 5
        assertEquals(List.of("rate", "queue", "api"), diagnosis.schedule().stream().map(Diagnosis.ScheduledProbe::probe).toList());
        assertEquals(1.0, diagnosis.schedule().getFirst().need(), 1e-9);
        probes.values().forEach(probe -> assertEquals(1, ((Scripted) probe).calls.get(), probe.name()));
    }

    @Test
    void anUnknownQuestionStillEndsWithTheLikeliestCauseAndSaysWhatWasNotChecked() {
        Map<String, Probe<?>> probes = Map.of(
                "rate", new Scripted("rate", 1, 5.0, Duration.ZERO),
                "queue", new Scripted("queue", 2, new IllegalStateException("connection refused: rabbitmq:5672"), Duration.ZERO),
                "api", new Scripted("api", 5, 0, Duration.ZERO));

        Diagnosis diagnosis = run(probes, Map.of());

        assertFalse(diagnosis.verdict().complete());
        assertEquals("stuck", diagnosis.verdict().cause(), "the likeliest cause below the unanswered question");
        assertEquals(List.of("Queue growing? — queue: connection refused: rabbitmq:5672"), diagnosis.verdict().unchecked());
        assertEquals(Diagnosis.Answer.UNKNOWN, diagnosis.path().getLast().answer());
    }

    @Test
    void aHungProbeIsUnknownAtItsDeadlineNotAHang() {
        Map<String, Probe<?>> probes = Map.of(
                "rate", new Scripted("rate", 1, 5.0, Duration.ofSeconds(30)),
                "queue", new Scripted("queue", 2, true, Duration.ZERO),
                "api", new Scripted("api", 5, 0, Duration.ZERO));
        long start = System.nanoTime();

        Diagnosis diagnosis = run(probes, Map.of());

        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5);
        assertEquals("no answer within 500 ms", diagnosis.path().getFirst().reason());
        assertEquals("stuck", diagnosis.verdict().cause(), "the queue probe, off the path, still informs the verdict");
    }

    /** A probe that looks over a window, one second at a time, seeing what {@code seenAt} gives for each look. */
    static final class Windowed implements Probe<Object> {
        final String name;
        final Duration window;
        final java.util.function.IntFunction<Object> seenAt;
        final AtomicInteger looks = new AtomicInteger();

        Windowed(String name, Duration window, java.util.function.IntFunction<Object> seenAt) {
            this.name = name;
            this.window = window;
            this.seenAt = seenAt;
        }

        @Override
        public ProbeSpec<Object> spec() {
            return new ProbeSpec<>(ProbeKey.of(name), "windowed " + name, 10, window.plusSeconds(5));
        }

        @Override
        public Observation<Object> observe(Settled settled) throws Exception {
            Looks windowLooks = new Looks(window);
            while (true) {
                windowLooks.awaitNext();
                Object value = seenAt.apply(looks.incrementAndGet());
                Observation<Object> sofar = Observation.of(name, Status.OK, value, List.of());
                if (windowLooks.over() || settled.test(sofar)) {
                    return sofar;
                }
            }
        }
    }

    @Test
    void aYesThatHeldAtThreeLooksIsTakenThereNotAtTheEndOfTheWindow() {
        Windowed rate = new Windowed("rate", Duration.ofSeconds(20), look -> 5.0);
        Windowed queue = new Windowed("queue", Duration.ofSeconds(20), look -> true);
        long start = System.nanoTime();

        Diagnosis diagnosis = run(Map.of("rate", rate, "queue", queue, "api", new Scripted("api", 5, 0, Duration.ZERO)), Map.of());

        assertEquals("stuck", diagnosis.verdict().cause());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 6, "not the 20 s window");
        assertTrue(queue.looks.get() <= 4, "stopped once the verdict was in: " + queue.looks.get());
    }

    @Test
    void aNoWaitsForTheEndOfTheWindowBecauseWhatIsLeftOfItCanTurnIt() {
        // the queue does not rise for two looks, then rises at each look after: a no taken early would have been wrong
        Windowed queue = new Windowed("queue", Duration.ofMillis(5500), look -> look > 2);
        long start = System.nanoTime();

        Diagnosis diagnosis = run(Map.of("rate", new Scripted("rate", 1, 5.0, Duration.ZERO), "queue", queue,
                "api", new Scripted("api", 5, 0, Duration.ZERO)), Map.of());

        assertEquals("stuck", diagnosis.verdict().cause(), "yes at looks 3, 4 and 5");
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 4500);
    }

    @Test
    void aNoThatHoldsIsTheAnswerAtTheEndOfTheWindow() {
        Windowed queue = new Windowed("queue", Duration.ofMillis(3500), look -> false);
        long start = System.nanoTime();

        Diagnosis diagnosis = run(Map.of("rate", new Scripted("rate", 1, 5.0, Duration.ZERO), "queue", queue,
                "api", new Scripted("api", 5, 0, Duration.ZERO)), Map.of());

        assertEquals("healthy", diagnosis.verdict().cause());
        assertEquals(4, queue.looks.get(), "looks at 1, 2, 3 s and the window's end");
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 3400);
    }

    @Test
    void aWindowedProbeRunAloneLooksOverItsWholeWindow() {
        Windowed rate = new Windowed("rate", Duration.ofMillis(2500), look -> 5.0);

        new DiagnosisEngine(Map.of(), Clock.systemUTC()).observeAlone(rate);

        assertEquals(3, rate.looks.get(), "looks at 1 s, 2 s and the window's end");
    }

    @Test
    void historyMovesTheOrder() {
        Map<String, Probe<?>> probes = Map.of(
                "rate", new Scripted("rate", 4, 5.0, Duration.ZERO),
                "queue", new Scripted("queue", 2, false, Duration.ZERO),
                "api", new Scripted("api", 1, 0, Duration.ZERO));

        List<String> before = run(probes, Map.of()).schedule().stream().map(Diagnosis.ScheduledProbe::probe).toList();
        Diagnosis after = run(probes, Map.of("shedding", 20));

        assertEquals(List.of("queue", "rate", "api"), before); // 0.7/2 > 1/4 > 0.2/1
        assertEquals(List.of("api", "queue", "rate"), after.schedule().stream().map(Diagnosis.ScheduledProbe::probe).toList());
        Diagnosis.Belief shedding = after.beliefs().stream().filter(belief -> belief.cause().equals("shedding")).findFirst().orElseThrow();
        assertEquals(0.15, shedding.prior(), 1e-9);
        assertEquals((0.15 * 10 + 20) / 30, shedding.posterior(), 1e-9);
    }

    @Test
    void treesAreValidatedWhenBuilt() {
        assertThrows(IllegalArgumentException.class, () -> DecisionTree.named("bad", "priors").root(
                DecisionTree.ask("q", "?", RATE, rate -> rate > 0).yes(cause(STUCK)).no(cause(NO_TRAFFIC))));
        assertThrows(IllegalArgumentException.class, () -> DecisionTree.named("bad", "open branch").root(
                DecisionTree.ask("q", "?", RATE, rate -> rate > 0).yes(cause(STUCK))));
        assertThrows(IllegalArgumentException.class, () -> new DiagnosisEngine(Map.of(), Clock.systemUTC()).diagnose(tree(), Map.of()));
    }
}
