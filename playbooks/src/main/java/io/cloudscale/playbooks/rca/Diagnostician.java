package io.cloudscale.playbooks.rca;

import io.cloudscale.playbooks.StackSession;
import io.cloudscale.playbooks.TargetPlatform;
import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.diagnosis.Cause;
import io.cloudscale.core.diagnosis.DecisionTree;
import io.cloudscale.core.diagnosis.Diagnosis;
import io.cloudscale.core.diagnosis.DiagnosisEngine;
import io.cloudscale.core.diagnosis.FixConfirmation;
import io.cloudscale.core.action.Journal;
import io.cloudscale.core.diagnosis.History;
import io.cloudscale.core.diagnosis.LastVerdict;
import io.cloudscale.core.diagnosis.Observation;
import io.cloudscale.core.diagnosis.Probe;
import io.cloudscale.stack.endpoints.StackEndpoints;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Runs the platform's trees against a running stack, and records confirmed outcomes so the next
 * diagnosis checks what keeps happening here first.
 */
public final class Diagnostician {

    public record TreeInfo(String name, String title, List<Cause> causes) {
    }

    private final StackSession session;
    private final String project;
    private final Path stackDir;
    private final Map<String, String> environment;
    private final History history;
    private final Clock clock;

    /** Three looks a second apart: what a yes needs before a window ends. */
    static final Duration MINIMUM_WATCH = Duration.ofSeconds(3);

    private final LastVerdict lastVerdict;
    private final Journal journal;

    public Diagnostician(StackSession session) {
        this.session = session;
        this.project = session.project();
        this.stackDir = session.stackDir();
        this.environment = Map.copyOf(session.environment());
        this.history = History.inHome(session.home());
        this.lastVerdict = new LastVerdict(session.home());
        this.journal = session.journal();
        this.clock = session.clock();
    }

    public List<TreeInfo> catalog() {
        DecisionTree zeroEvents = tree(ZeroEventsTree.NAME);
        return List.of(new TreeInfo(zeroEvents.name(), zeroEvents.title(), List.copyOf(zeroEvents.causes().values())));
    }

    /** The diagnosis trees by name: what `diagnose --list` shows and a runbook's diagnose step may run. */
    public static final java.util.Set<String> TREES = java.util.Set.of(ZeroEventsTree.NAME);

    public DecisionTree tree(String name) {
        if (!TREES.contains(name)) {
            throw new CloudscaleException.Usage("no diagnosis named '" + name + "'", "cloudscale diagnose --list");
        }
        return ZeroEventsTree.build(session.target(), StackEndpoints.load(stackDir, environment));
    }

    /** Fails fast (exit 3) when there is no engine or no stack, before any probe waits out a window. */
    public Diagnosis diagnose(String treeName, Duration window) throws Exception {
        return diagnose(treeName, window, clock.instant());
    }

    /**
     * @param watchingSince when the operator asked: the window counts from then, so what it takes to connect and set the
     *                      probes up is watched through, not added (a command passes its process's start)
     */
    public Diagnosis diagnose(String treeName, Duration window, Instant watchingSince) throws Exception {
        Diagnosis diagnosis = examine(treeName, window, watchingSince);
        learnFromFix(diagnosis);
        return diagnosis;
    }

    /**
     * A diagnosis that leaves no trace: no last verdict written, nothing learned. Drills break the stack on
     * purpose, and what they cause must not weigh in the next real diagnosis.
     */
    public Diagnosis examine(String treeName, Duration window) throws Exception {
        return examine(treeName, window, clock.instant());
    }

    private Diagnosis examine(String treeName, Duration window, Instant watchingSince) throws Exception {
        DecisionTree tree = tree(treeName);
        Diagnosis diagnosis;
        try (TargetPlatform target = session.openPlatform()) {
            requireRunning(target);
            try (PlatformProbes probes = new PlatformProbes(target, StackEndpoints.load(stackDir, environment),
                    leftOf(window, watchingSince), clock)) {
                diagnosis = new DiagnosisEngine(probes.all(), clock).diagnose(tree, history.counts(tree.name()));
            }
        }
        return diagnosis;
    }

    /** Exit 3 before any probe waits out a window: nothing of the stack runs where the target says. */
    private void requireRunning(TargetPlatform target) {
        switch (target) {
            case TargetPlatform.Compose compose -> {
                if (compose.engine().projectContainers(project).isEmpty()) {
                    throw new CloudscaleException.Unreachable("the stack is not running: no container of compose project " + project,
                            "start the stack (docker compose -p " + project + " up -d in the stack folder), or check -p/--project", null);
                }
            }
            case TargetPlatform.Kubernetes cluster -> {
                if (cluster.platform().pods().isEmpty()) {
                    throw new CloudscaleException.Unreachable("the stack is not running: no pod of the stack in " + cluster.platform().describe(),
                            "kubectl get pods -l " + io.cloudscale.probes.kubernetes.KubernetesPlatform.NAME_LABEL + " shows what runs; check --context and --namespace", null);
                }
            }
        }
    }

    private Duration leftOf(Duration window, Instant watchingSince) {
        return watchLeft(window, Duration.between(watchingSince, clock.instant()));
    }

    /**
     * What is left of the window after the set-up took {@code elapsed}, but never less than half the window nor three
     * looks (nor more than the window). A start-up slowed by a busy machine may lengthen the wait; it may not shrink
     * the evidence much below what was asked for: a "no" (no traffic, nothing drained) is only as good as how long
     * it was watched.
     */
    static Duration watchLeft(Duration window, Duration elapsed) {
        Duration half = window.dividedBy(2);
        Duration floor = half.compareTo(MINIMUM_WATCH) > 0 ? half : MINIMUM_WATCH;
        floor = floor.compareTo(window) > 0 ? window : floor;
        Duration left = window.minus(elapsed);
        return left.compareTo(floor) < 0 ? floor : left;
    }

    /**
     * A problem verdict, then a fix the journal recorded, then a healthy run: the problem was what the
     * verdict said, and the history learns it without anyone typing --confirm.
     */
    private void learnFromFix(Diagnosis diagnosis) {
        Diagnosis.Verdict verdict = diagnosis.verdict();
        FixConfirmation.of(lastVerdict.read(diagnosis.tree()), verdict, journal.read(), diagnosis.tree(), clock.instant())
                .ifPresent(history::record);
        if (verdict.complete()) {
            lastVerdict.write(new LastVerdict.Entry(clock.instant(), diagnosis.tree(), verdict.cause(), verdict.healthy()));
        }
    }

    /** Runs one probe alone, as `cloudscale probe NAME` does. */
    public Observation<?> probe(String name, Duration window) throws Exception {
        try (TargetPlatform target = session.openPlatform();
             PlatformProbes probes = new PlatformProbes(target, StackEndpoints.load(stackDir, environment), window, clock)) {
            Probe<?> probe = probes.all().get(name);
            if (probe == null) {
                throw new CloudscaleException.Usage("no probe named '" + name + "'", "cloudscale probe --list");
            }
            return new DiagnosisEngine(Map.of(), clock).observeAlone(probe);
        }
    }

    public List<Probe<?>> probes(Duration window) throws Exception {
        try (TargetPlatform target = session.openPlatform();
             PlatformProbes probes = new PlatformProbes(target, StackEndpoints.load(stackDir, environment), window, clock)) {
            return probes.list();
        }
    }

    public History.Outcome confirm(String treeName, String causeId, String source) {
        DecisionTree tree = tree(treeName);
        if (tree.cause(causeId).isEmpty()) {
            throw new CloudscaleException.Usage("'" + causeId + "' is not a cause of " + treeName,
                    "one of: " + String.join(", ", tree.causes().keySet()));
        }
        History.Outcome outcome = new History.Outcome(clock.instant(), treeName, causeId, source);
        history.record(outcome);
        return outcome;
    }
}
