package io.cloudscale.playbooks.drill;

import io.cloudscale.core.diagnosis.Diagnosis;
import io.cloudscale.core.diagnosis.Evidence;
import io.cloudscale.playbooks.StackSession;
import io.cloudscale.playbooks.rca.Diagnostician;
import io.cloudscale.playbooks.rca.ZeroEventsTree;
import io.cloudscale.stack.images.BuildProgress;
import io.cloudscale.stack.images.ImageOutcome;
import io.cloudscale.stack.images.StackImages;
import io.cloudscale.stack.lifecycle.StackLifecycle;
import io.cloudscale.stack.lifecycle.StackProfile;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Game days as a command: brings the stack up when it is not running and healthy (building local images
 * for the offline profile), starts the drill's clients, and runs the faults asked for.
 */
public final class Drills {

    private final StackSession session;
    private final FaultCatalog catalog = new FaultCatalog();

    public Drills(StackSession session) {
        this.session = session;
    }

    public FaultCatalog catalog() {
        return catalog;
    }

    /** Where the preparation stands, for a person watching. */
    public interface Preparation {
        BuildProgress images();

        StackLifecycle.StartupListener startup();

        void note(String message);
    }

    public DrillReport run(List<Fault> faults, StackProfile asked, boolean keep, Duration window, Preparation preparation,
                           DrillRunner.Listener listener) throws Exception {
        String project = session.project();
        try (StackLifecycle lifecycle = session.lifecycle()) {
            // the offline profile is the one that runs without a registry, so it is the default for drills
            StackProfile profile = asked != null ? asked : lifecycle.view().runningProfile().orElse(StackProfile.OFFLINE);
            DrillStack stack = new DrillStack(lifecycle, profile, project);
            String notReady = bringUp(lifecycle, stack, profile, preparation);
            if (notReady != null) {
                return new DrillReport(project, profile.id(), List.of(), keep, notReady, null);
            }
            URI ingest = session.endpoints().ingest();
            Diagnostician diagnostician = new Diagnostician(session);
            try (ClientTraffic clients = new ClientTraffic(ingest, DrillRunner.CLIENT_RATE)) {
                DrillContext context = new DrillContext(stack, clients, () -> finding(diagnostician.examine(ZeroEventsTree.NAME, window)),
                        session::ports);
                return new DrillRunner(context).run(faults, keep, listener);
            }
        }
    }

    /**
     * Null when the stack is running and healthy; else why it could not be brought there. The offline images
     * are always brought up to date first (a no-op when their inputs did not change), and compose then
     * re-creates only what changed: a drill always runs against the services of this checkout.
     */
    private String bringUp(StackLifecycle lifecycle, DrillStack stack, StackProfile profile, Preparation preparation) throws InterruptedException {
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
