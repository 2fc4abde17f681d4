package io.cloudscale.playbooks.drill;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.config.Target;
import io.cloudscale.core.diagnosis.Diagnosis;
import io.cloudscale.core.diagnosis.Evidence;
import io.cloudscale.playbooks.StackSession;
import io.cloudscale.playbooks.rca.Diagnostician;
import io.cloudscale.playbooks.rca.ZeroEventsTree;
import io.cloudscale.stack.images.BuildProgress;
import io.cloudscale.stack.images.ImageOutcome;
import io.cloudscale.stack.images.StackImages;
import io.cloudscale.stack.kubernetes.KubernetesStack;
import io.cloudscale.stack.lifecycle.StackLifecycle;
import io.cloudscale.stack.lifecycle.StackProfile;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Game days as a command: on compose, brings the stack up when it is not running and healthy (building local
 * images for the offline profile); on a cluster, acts on the stack rolled out there (bringing it up is `up`'s, with
 * the overlay and images the operator chose) and skips the faults of compose alone. Then starts the drill's clients
 * and runs the faults asked for.
 */
public final class Drills {

    private final StackSession session;

    public Drills(StackSession session) {
        this.session = session;
    }

    /** Where the preparation stands, for a person watching. */
    public interface Preparation {
        BuildProgress images();

        StackLifecycle.StartupListener startup();

        void note(String message);
    }

    /** @param asked the compose profile asked for (null: the running one, else offline); a cluster has none to ask for */
    public DrillReport run(List<Fault> faults, StackProfile asked, boolean keep, Duration window, Preparation preparation,
                           DrillRunner.Listener listener) throws Exception {
        return switch (session.target()) {
            case Target.Compose compose -> onCompose(faults, asked, keep, window, preparation, listener);
            case Target.Kubernetes cluster -> onCluster(cluster, faults, keep, zeroEvents(window), preparation, listener, DrillRunner.Timing.DEFAULT);
        };
    }

    private DrillReport onCompose(List<Fault> faults, StackProfile asked, boolean keep, Duration window, Preparation preparation,
                                  DrillRunner.Listener listener) throws Exception {
        String project = session.project();
        try (StackLifecycle lifecycle = session.lifecycle()) {
            // the offline profile is the one that runs without a registry, so it is the default for drills
            StackProfile profile = asked != null ? asked : lifecycle.view().runningProfile().orElse(StackProfile.OFFLINE);
            ComposeDrillStack stack = new ComposeDrillStack(lifecycle, profile, project, session::ports);
            String notReady = bringUp(lifecycle, stack, profile, preparation);
            if (notReady != null) {
                return new DrillReport(project, profile.id(), List.of(), keep, notReady, null);
            }
            List<DrillReport.Skipped> skipped = lacking(faults, stack);
            List<Fault> runnable = skipping(faults, skipped, preparation);
            if (runnable.isEmpty()) {
                return new DrillReport(project, profile.id(), List.of(), keep, NONE_RUNNABLE, null, skipped);
            }
            URI ingest = session.endpoints().ingest();
            try (ClientTraffic clients = new ClientTraffic(ingest, DrillRunner.CLIENT_RATE)) {
                return new DrillRunner(new DrillContext(stack, clients, zeroEvents(window))).run(runnable, skipped, keep, listener);
            }
        }
    }

    /**
     * The faults on the cluster of {@code cluster}: the compose-only ones among them skipped with why, the others run
     * against the stack as it is rolled out there, the clients sending through a port-forward to the gateway.
     */
    DrillReport onCluster(Target.Kubernetes cluster, List<Fault> faults, boolean keep, DrillContext.Diagnoses diagnoses, Preparation preparation,
                          DrillRunner.Listener listener, DrillRunner.Timing timing) throws Exception {
        List<DrillReport.Skipped> skipped = new ArrayList<>(faults.stream().filter(fault -> fault.composeOnly() != null)
                .map(fault -> new DrillReport.Skipped(fault.id(), "a fault of the compose target only: " + fault.composeOnly())).toList());
        List<Fault> clusterFaults = skipping(faults, skipped, preparation);
        try (KubernetesStack kubernetes = session.kubernetesStack(cluster)) {
            ClusterDrillStack stack = new ClusterDrillStack(kubernetes, cluster.namespace(), session.endpoints(), session.clock(), timing.rollout());
            if (kubernetes.services().services().isEmpty()) {
                throw new CloudscaleException.Unreachable("the stack is not running: no pod or Deployment of the stack in " + stack.describe(),
                        "cloudscale up --target kubernetes brings it up; check --context and --namespace", null);
            }
            preparation.note("using the stack rolled out in " + stack.describe());
            List<DrillReport.Skipped> lacking = lacking(clusterFaults, stack);
            List<Fault> runnable = skipping(clusterFaults, lacking, preparation);
            skipped.addAll(lacking);
            if (runnable.isEmpty()) {
                return new DrillReport(stack.project(), stack.profileName(), List.of(), keep, NONE_RUNNABLE, null, skipped);
            }
            List<String> notReady = stack.awaitHealthy(timing.healthy().compareTo(ROLLED_OUT) < 0 ? timing.healthy() : ROLLED_OUT);
            if (!notReady.isEmpty()) {
                return new DrillReport(stack.project(), stack.profileName(), List.of(), keep, "the stack is not rolled out: "
                        + String.join("; ", notReady) + " (cloudscale up --target kubernetes; cloudscale status)", null, skipped);
            }
            try (ClientTraffic clients = new ClientTraffic(stack::ingest, DrillRunner.CLIENT_RATE)) {
                return new DrillRunner(new DrillContext(stack, clients, diagnoses), timing).run(runnable, skipped, keep, listener);
            }
        }
    }

    /**
     * The faults that need a service of the stack's own that this stack does not run (the emulated store, the in-stack
     * broker: a stack on managed services has neither to stop or misconfigure), each with what it lacks.
     */
    static List<DrillReport.Skipped> lacking(List<Fault> faults, DrillStack stack) {
        List<String> running = stack.services();
        List<DrillReport.Skipped> lacking = new ArrayList<>();
        for (Fault fault : faults) {
            List<String> missing = fault.needs().stream().filter(service -> !running.contains(service)).toList();
            if (!missing.isEmpty()) {
                lacking.add(new DrillReport.Skipped(fault.id(), "it needs the stack's own " + String.join(" and ", missing) + ", which the stack in "
                        + stack.project() + " does not run (the offline stack does; with managed services there is none to break)"));
            }
        }
        return lacking;
    }

    /** The faults not among {@code skipped}, each of which is noted as skipped, with why. */
    private static List<Fault> skipping(List<Fault> faults, List<DrillReport.Skipped> skipped, Preparation preparation) {
        skipped.forEach(skip -> preparation.note("skipping " + skip.fault() + ", " + skip.reason()));
        return faults.stream().filter(fault -> skipped.stream().noneMatch(skip -> skip.fault().equals(fault.id()))).toList();
    }

    static final String NONE_RUNNABLE = "none of the faults asked for can be caused in this stack (each skipped, with why)";

    /** How long a drill waits for a rollout in progress before the first fault: the stack is not the drill's to bring up. */
    static final Duration ROLLED_OUT = Duration.ofSeconds(30);

    /** The zero-events diagnosis as a drill asks it: leaving no trace in the history a real diagnosis learns from. */
    private DrillContext.Diagnoses zeroEvents(Duration window) {
        Diagnostician diagnostician = new Diagnostician(session);
        return () -> finding(diagnostician.examine(ZeroEventsTree.NAME, window));
    }

    /**
     * Null when the stack is running and healthy; else why it could not be brought there. The offline images
     * are always brought up to date first (a no-op when their inputs did not change), and compose then
     * re-creates only what changed: a drill always runs against the services of this checkout.
     */
    private String bringUp(StackLifecycle lifecycle, ComposeDrillStack stack, StackProfile profile, Preparation preparation) throws InterruptedException {
        if (profile != StackProfile.OFFLINE && !lifecycle.view().services().isEmpty() && stack.awaitHealthy(Duration.ZERO).isEmpty()) {
            preparation.note("using the running stack " + session.project() + " (" + profile.id() + ")");
            return null;
        }
        if (profile == StackProfile.OFFLINE) {
            preparation.note("building the offline images where their inputs changed");
            List<ImageOutcome> images = StackImages.inUserCache(lifecycle.engine(), session.stackDir(), session.home()).build(true, false, Set.of(), preparation.images());
            List<String> failed = images.stream().filter(image -> !image.ok()).map(image -> image.image() + ": " + image.detail()).toList();
            if (!failed.isEmpty()) {
                return "images failed: " + String.join("; ", failed);
            }
        }
        preparation.note("starting " + session.project() + " (" + profile.id() + ")");
        return lifecycle.up(profile, Duration.ofMinutes(5), preparation.startup()).problem();
    }

    static Finding finding(Diagnosis diagnosis) {
        Diagnosis.Verdict verdict = diagnosis.verdict();
        List<String> evidence = Stream.concat(
                        diagnosis.path().stream().map(step -> step.question() + "=" + step.answer()),
                        verdict.evidence().stream().map(Evidence::text))
                .distinct()
                .toList();
        return new Finding(verdict.cause(), verdict.complete(), diagnosis.duration(), List.copyOf(diagnosis.observations().keySet()), evidence);
    }
}
