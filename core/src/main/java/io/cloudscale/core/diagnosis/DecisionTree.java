package io.cloudscale.core.diagnosis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A root-cause tree declared as code:
 * <pre>
 * DecisionTree.named("zero-events", "Dashboard shows 0 events")
 *     .root(ask("ingest", "Is traffic arriving at the gateway?", GatewayThroughputProbe.KEY, Throughput::trafficArriving)
 *         .yes(...)
 *         .no(cause(GATEWAY_DOWN)))
 * </pre>
 * Validated when built: unique question and cause ids, priors that sum to 1, every probe registered.
 */
public final class DecisionTree {

    private final String name;
    private final String title;
    private final Node root;
    private final Map<String, Cause> causes;
    private final List<String> whenUnexplained;

    private DecisionTree(String name, String title, Node root, List<String> whenUnexplained) {
        this.name = name;
        this.title = title;
        this.root = root;
        this.whenUnexplained = List.copyOf(whenUnexplained);
        Map<String, Cause> byId = new LinkedHashMap<>();
        for (Node.Leaf leaf : root.leaves()) {
            if (byId.put(leaf.cause().id(), leaf.cause()) != null) {
                throw new IllegalArgumentException(name + ": cause " + leaf.cause().id() + " appears twice");
            }
        }
        double total = byId.values().stream().mapToDouble(Cause::prior).sum();
        if (Math.abs(total - 1.0) > 1e-6) {
            throw new IllegalArgumentException(name + ": priors sum to " + total + ", not 1");
        }
        Set<String> questions = new HashSet<>();
        questions(root).forEach(question -> {
            if (!questions.add(question.id())) {
                throw new IllegalArgumentException(name + ": question " + question.id() + " appears twice");
            }
        });
        this.causes = byId;
    }

    public static Builder named(String name, String title) {
        return new Builder(name, title, List.of());
    }

    public record Builder(String name, String title, List<String> whenUnexplained) {
        /** The commands to run next when no cause of the tree explains what was measured. */
        public Builder whenUnexplained(String... commands) {
            return new Builder(name, title, List.of(commands));
        }

        public DecisionTree root(Step root) {
            return new DecisionTree(name, title, root.build(), whenUnexplained);
        }
    }

    public List<String> whenUnexplained() {
        return whenUnexplained;
    }

    public String name() {
        return name;
    }

    public String title() {
        return title;
    }

    public Node root() {
        return root;
    }

    public Map<String, Cause> causes() {
        return causes;
    }

    public Optional<Cause> cause(String id) {
        return Optional.ofNullable(causes.get(id));
    }

    /** Probes the tree asks, or its causes' predictions need, each once. */
    public Set<String> probes() {
        Set<String> probes = new java.util.LinkedHashSet<>();
        questions(root).forEach(question -> probes.add(question.probe()));
        causes.values().forEach(cause -> cause.predictions().forEach(prediction -> probes.add(prediction.probe())));
        return probes;
    }

    static List<Node.Question> questions(Node node) {
        List<Node.Question> questions = new ArrayList<>();
        if (node instanceof Node.Question question) {
            questions.add(question);
            questions.addAll(questions(question.yes()));
            questions.addAll(questions(question.no()));
        }
        return questions;
    }

    /** For each leaf, the answers on its path: question id -> the branch taken (true = yes). */
    static Map<Node.Leaf, Map<String, Boolean>> paths(Node root) {
        Map<Node.Leaf, Map<String, Boolean>> paths = new HashMap<>();
        collect(root, new LinkedHashMap<>(), paths);
        return paths;
    }

    private static void collect(Node node, Map<String, Boolean> path, Map<Node.Leaf, Map<String, Boolean>> into) {
        switch (node) {
            case Node.Leaf leaf -> into.put(leaf, Map.copyOf(path));
            case Node.Question question -> {
                Map<String, Boolean> yes = new LinkedHashMap<>(path);
                yes.put(question.id(), true);
                collect(question.yes(), yes, into);
                Map<String, Boolean> no = new LinkedHashMap<>(path);
                no.put(question.id(), false);
                collect(question.no(), no, into);
            }
        }
    }

    // ---- the DSL ----

    /** A node under construction. */
    public sealed interface Step permits CauseStep, AskStep {
        Node build();
    }

    public record CauseStep(Cause cause) implements Step {
        @Override
        public Node build() {
            return new Node.Leaf(cause);
        }
    }

    public static CauseStep cause(Cause cause) {
        return new CauseStep(cause);
    }

    /** A question about what the probe saw, of the type its key names. */
    public static <T> AskStep ask(String id, String question, ProbeKey<T> probe, Predicate<? super T> test) {
        Function<Observation<?>, Boolean> typed = observation -> test.test(probe.valueOf(observation));
        return new AskStep(id, question, probe.name(), typed, false, 0.95, evidence -> true, null, null);
    }

    /**
     * A question about the observation itself, answered even when the probe could not look: "does the
     * broker answer?" is answered no by a probe that could not reach it.
     */
    public static AskStep askObservation(String id, String question, ProbeKey<?> probe, Predicate<Observation<?>> test) {
        return new AskStep(id, question, probe.name(), test::test, true, 0.95, evidence -> true, null, null);
    }

    public record AskStep(String id, String question, String probe, Function<Observation<?>, Boolean> test, boolean answersUnknown,
                          double reliability, Predicate<Evidence> relevant, Step yes, Step no) implements Step {

        public AskStep yes(Step next) {
            return new AskStep(id, question, probe, test, answersUnknown, reliability, relevant, next, no);
        }

        public AskStep no(Step next) {
            return new AskStep(id, question, probe, test, answersUnknown, reliability, relevant, yes, next);
        }

        /** How often this probe's yes/no is right; lowers the verdict's confidence when it is a weak signal. */
        public AskStep reliability(double value) {
            return new AskStep(id, question, probe, test, answersUnknown, value, relevant, yes, no);
        }

        /** Which of the probe's evidence lines answer this question (a container-state probe sees every service). */
        public AskStep evidence(Predicate<Evidence> filter) {
            return new AskStep(id, question, probe, test, answersUnknown, reliability, filter, yes, no);
        }

        @Override
        public Node build() {
            if (yes == null || no == null) {
                throw new IllegalArgumentException("question " + id + " needs both a yes and a no branch");
            }
            return new Node.Question(id, question, probe, test, answersUnknown, reliability, relevant, yes.build(), no.build());
        }
    }
}
