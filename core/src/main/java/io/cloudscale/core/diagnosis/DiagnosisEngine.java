package io.cloudscale.core.diagnosis;

import io.cloudscale.core.Deadline;
import io.cloudscale.core.Failures;
import io.cloudscale.core.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Runs a decision tree against live probes. Probes start in order of need (the probability that the
 * walk will ask them) over cost, a few at a time on virtual threads, each at most once; the walk
 * follows the answers as they arrive and stops the rest once it reaches a cause. It always ends
 * with a verdict: an unanswerable question makes it partial, never missing.
 */
public final class DiagnosisEngine {

    /**
     * Probes in flight at once: enough for every probe of the platform's tree. They are I/O-bound, and the ones
     * that look over a window mostly sleep; one held back for a permit starts its window late, and the verdict
     * waits for it (a diagnosis took its window plus 3.9 s when four permits queued the windowed probes last).
     */
    static final int CONCURRENCY = 8;

    private final Map<String, Probe<?>> probes;
    private final Clock clock;

    public DiagnosisEngine(Map<String, Probe<?>> probes, Clock clock) {
        this.probes = Map.copyOf(probes);
        this.clock = clock;
    }

    public Diagnosis diagnose(DecisionTree tree, Map<String, Integer> historyCounts) {
        Instant start = clock.instant();
        for (String probe : tree.probes()) {
            if (!probes.containsKey(probe)) {
                throw new IllegalArgumentException(tree.name() + " asks probe '" + probe + "', which is not registered");
            }
        }
        Map<String, Double> posterior = Beliefs.posterior(tree, historyCounts);
        List<Diagnosis.ScheduledProbe> plan = schedule(tree, posterior);
        Map<String, Future<Observation<?>>> running = new LinkedHashMap<>();
        Map<String, LiveProbe> live = new LinkedHashMap<>();
        Semaphore permits = new Semaphore(CONCURRENCY);
        Map<String, Observation<?>> observations = new LinkedHashMap<>();
        List<Diagnosis.PathStep> path = new ArrayList<>();
        Map<String, Boolean> answers = new LinkedHashMap<>();
        Node reached;
        Node.Leaf candidate;
        List<Prediction.Check> checks;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Diagnosis.ScheduledProbe scheduled : plan) {
                Probe<?> probe = probes.get(scheduled.probe());
                LiveProbe looks = new LiveProbe();
                live.put(probe.name(), looks);
                running.put(probe.name(), executor.submit(() -> {
                    Observation<?> seen = null;
                    try {
                        permits.acquire();
                        try {
                            seen = observe(probe, looks);
                        } finally {
                            permits.release();
                        }
                        return seen;
                    } finally {
                        looks.finish(seen != null ? seen : Observation.unknown(probe.name(), "interrupted"));
                    }
                }));
            }
            reached = walk(tree.root(), live, observations, path, answers);
            candidate = likeliest(reached, Beliefs.givenAnswers(tree, posterior, answers));
            checks = candidate.cause().predictions().stream()
                    .map(prediction -> check(prediction, awaitAnswer(prediction.probe(), prediction.holds(), live, observations)))
                    .toList();
            running.values().forEach(future -> future.cancel(true));
        }
        // every probe that did finish informs the beliefs, on the path or not
        for (Node.Question question : DecisionTree.questions(tree.root())) {
            Observation<?> seen = observations.get(question.probe());
            if (seen != null && (seen.known() || question.answersUnknown()) && !answers.containsKey(question.id())) {
                answers.put(question.id(), answer(question, seen));
            }
        }
        Map<String, Double> given = Beliefs.givenAnswers(tree, posterior, answers);
        Diagnosis.Verdict verdict = verdict(tree, reached, candidate, given, path, checks);
        List<Diagnosis.Belief> beliefs = tree.causes().values().stream()
                .map(cause -> new Diagnosis.Belief(cause.id(), cause.title(), cause.prior(), posterior.get(cause.id()), given.get(cause.id())))
                .sorted(Comparator.comparingDouble(Diagnosis.Belief::givenEvidence).reversed())
                .toList();
        List<Diagnosis.ScheduledProbe> schedule = plan.stream().map(scheduled -> {
            Observation<?> seen = observations.get(scheduled.probe());
            String outcome = seen == null ? "not needed: the walk had reached a cause" : seen.status().name()
                    + (seen.reason() == null ? "" : ": " + seen.reason());
            return new Diagnosis.ScheduledProbe(scheduled.probe(), scheduled.order(), scheduled.need(), scheduled.cost(),
                    scheduled.score(), outcome, seen == null ? null : seen.duration());
        }).toList();
        return new Diagnosis(tree.name(), tree.title(), path, verdict, beliefs, schedule, observations,
                Duration.between(start, clock.instant()));
    }

    /** Need: the probability mass of causes whose path asks the probe. Score: need / cost. */
    List<Diagnosis.ScheduledProbe> schedule(DecisionTree tree, Map<String, Double> posterior) {
        Map<Node.Leaf, Map<String, Boolean>> paths = DecisionTree.paths(tree.root());
        Map<String, String> probeOfQuestion = new LinkedHashMap<>();
        DecisionTree.questions(tree.root()).forEach(question -> probeOfQuestion.put(question.id(), question.probe()));
        Map<String, Double> need = new LinkedHashMap<>();
        for (String probe : tree.probes()) {
            double mass = 0;
            for (Map.Entry<Node.Leaf, Map<String, Boolean>> leaf : paths.entrySet()) {
                Cause cause = leaf.getKey().cause();
                if (leaf.getValue().keySet().stream().anyMatch(question -> probe.equals(probeOfQuestion.get(question)))
                        || cause.predictions().stream().anyMatch(prediction -> probe.equals(prediction.probe()))) {
                    mass += posterior.get(cause.id());
                }
            }
            need.put(probe, mass);
        }
        List<String> ordered = new ArrayList<>(tree.probes());
        ordered.sort(Comparator.comparingDouble((String probe) -> -need.get(probe) / probes.get(probe).spec().cost())
                .thenComparing(Comparator.naturalOrder()));
        List<Diagnosis.ScheduledProbe> plan = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            String probe = ordered.get(i);
            double cost = probes.get(probe).spec().cost();
            plan.add(new Diagnosis.ScheduledProbe(probe, i + 1, need.get(probe), cost, need.get(probe) / cost, null, null));
        }
        return plan;
    }

    /** One probe on its own, over its whole window, with the same deadline and failure handling as inside a diagnosis. */
    public Observation<?> observeAlone(Probe<?> probe) {
        return observe(probe, Settled.NEVER);
    }

    /** The one place a probe is run: bounded by its deadline, timed, its failure an UNKNOWN observation. */
    private Observation<?> observe(Probe<?> probe, Settled settled) {
        long start = System.nanoTime();
        Observation<?> seen = Deadline.within(probe.spec().deadline(), () -> probe.observe(settled), failure -> Observation.unknown(probe.name(),
                failure instanceof InterruptedException ? "interrupted" : Failures.describe(failure)));
        return seen.took(Duration.ofNanos(System.nanoTime() - start));
    }

    private Node walk(Node node, Map<String, LiveProbe> live, Map<String, Observation<?>> observations,
                      List<Diagnosis.PathStep> path, Map<String, Boolean> answers) {
        while (node instanceof Node.Question question) {
            Observation<?> seen = awaitAnswer(question.probe(),
                    look -> (look.known() || question.answersUnknown()) && answer(question, look), live, observations);
            if (!seen.known() && !question.answersUnknown()) {
                path.add(new Diagnosis.PathStep(question.id(), question.question(), question.probe(), Diagnosis.Answer.UNKNOWN,
                        Status.UNKNOWN.symbol(), seen.evidence(), seen.reason()));
                return node;
            }
            boolean yes = answer(question, seen);
            answers.put(question.id(), yes);
            path.add(new Diagnosis.PathStep(question.id(), question.question(), question.probe(),
                    yes ? Diagnosis.Answer.YES : Diagnosis.Answer.NO, seen.status().symbol(),
                    seen.evidence().stream().filter(question.relevant()).toList(), seen.known() ? null : seen.reason()));
            node = yes ? question.yes() : question.no();
        }
        return node;
    }

    private static boolean answer(Node.Question question, Observation<?> seen) {
        return Boolean.TRUE.equals(question.test().apply(seen));
    }

    /**
     * What the probe saw for {@code ask}: its final observation, or a yes that held at three looks before its window
     * ended. Every probe that has finished meanwhile is kept too: they inform the beliefs.
     */
    private static Observation<?> awaitAnswer(String probe, java.util.function.Function<Observation<?>, Boolean> ask,
                                              Map<String, LiveProbe> live, Map<String, Observation<?>> observations) {
        Observation<?> seen;
        try {
            seen = live.get(probe).await(ask);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            seen = Observation.unknown(probe, "interrupted");
        }
        live.forEach((name, looks) -> looks.finalObservation().ifPresent(done -> observations.put(name, done)));
        observations.put(probe, seen);
        return seen;
    }

    /** The cause reached, or below an unanswered question the likeliest cause given everything that was seen. */
    private static Node.Leaf likeliest(Node reached, Map<String, Double> given) {
        return reached.leaves().stream().max(Comparator.comparingDouble(leaf -> given.get(leaf.cause().id()))).orElseThrow();
    }

    private static Prediction.Check check(Prediction prediction, Observation<?> seen) {
        if (!seen.known()) {
            return new Prediction.Check(prediction.says(), prediction.probe(), Prediction.Outcome.UNCHECKED, seen.reason());
        }
        boolean holds;
        try {
            holds = Boolean.TRUE.equals(prediction.holds().apply(seen));
        } catch (RuntimeException e) {
            return new Prediction.Check(prediction.says(), prediction.probe(), Prediction.Outcome.UNCHECKED, Failures.describe(e));
        }
        String seenAs = seen.evidence().stream().map(Evidence::text).findFirst().orElse(null);
        return new Prediction.Check(prediction.says(), prediction.probe(), holds ? Prediction.Outcome.HELD : Prediction.Outcome.FAILED, seenAs);
    }

    /**
     * The cause the walk reached, if its predictions hold. One that failed, or for health one that could
     * not be checked (health needs positive evidence), makes the verdict unexplained: the symptom as
     * measured, the cause ruled out and why, and what to run next.
     */
    private static Diagnosis.Verdict verdict(DecisionTree tree, Node reached, Node.Leaf best, Map<String, Double> given,
                                             List<Diagnosis.PathStep> path, List<Prediction.Check> checks) {
        boolean complete = reached instanceof Node.Leaf;
        double confidence = given.get(best.cause().id());
        List<String> unchecked = new ArrayList<>(path.stream().filter(step -> step.answer() == Diagnosis.Answer.UNKNOWN)
                .map(step -> step.text() + " — " + step.probe() + ": " + step.reason()).toList());
        List<Evidence> evidence = path.stream().flatMap(step -> step.evidence().stream()).toList();
        Cause cause = best.cause();
        List<String> ruledOut = checks.stream()
                .filter(check -> check.outcome() == Prediction.Outcome.FAILED
                        || (cause.healthy() && check.outcome() == Prediction.Outcome.UNCHECKED))
                .map(check -> cause.id() + ": predicts " + check.says() + ", but "
                        + (check.outcome() == Prediction.Outcome.FAILED ? check.probe() + " saw " + check.detail()
                                : check.probe() + " could not look (" + check.detail() + ")"))
                .toList();
        checks.stream().filter(check -> check.outcome() == Prediction.Outcome.UNCHECKED && !cause.healthy())
                .forEach(check -> unchecked.add("its prediction " + check.says() + " — " + check.probe() + ": " + check.detail()));
        if (!ruledOut.isEmpty()) {
            return new Diagnosis.Verdict(Diagnosis.Kind.UNEXPLAINED, Diagnosis.UNEXPLAINED,
                    "no known cause explains what was measured (" + cause.id() + " was the nearest, and does not fit)", false,
                    round(1 - confidence), complete, unchecked, evidence, tree.whenUnexplained(), checks, ruledOut);
        }
        return new Diagnosis.Verdict(cause.healthy() ? Diagnosis.Kind.HEALTHY : Diagnosis.Kind.CAUSE, cause.id(), cause.title(), cause.healthy(),
                round(confidence), complete, unchecked, evidence, cause.fix(), checks, List.of());
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
