package io.cloudscale.cli.commands;

import io.cloudscale.cli.Session;
import io.cloudscale.cli.SessionCommand;
import io.cloudscale.cli.render.Printer;
import io.cloudscale.cli.render.StartupProgressView;
import io.cloudscale.cli.render.UpView;
import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.ExitCode;
import io.cloudscale.core.config.Target;
import io.cloudscale.stack.images.ImageOutcome;
import io.cloudscale.stack.images.StackImages;
import io.cloudscale.stack.kubernetes.KubernetesOverlay;
import io.cloudscale.stack.kubernetes.KubernetesStack;
import io.cloudscale.stack.lifecycle.StackLifecycle;
import io.cloudscale.stack.lifecycle.StackProfile;
import io.cloudscale.stack.lifecycle.UpResult;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "up", description = {"Start the platform stack and wait until every service is healthy.", "Preflight first (engine, compose, every published port): a held port stops `up` before anything starts. Then compose starts the stack and each service is watched until healthy; one that dies or turns unhealthy is reported at once with its last log lines and exit code, and the network endpoint it left behind is removed. Exit 0 healthy, 1 a port held or a service failed, 3 no engine.",
        "With --target kubernetes: server-side applies the profile's overlay (offline or azure) into the namespace and watches each Deployment roll out; a pod that crash-loops or cannot pull its image is reported at once with how its last run ended and its last log lines. Exit 0 rolled out, 1 a service failed or a field is another manager's, 2 no such namespace, 3 API server unreachable or refused."})
public final class UpCommand extends SessionCommand implements Callable<Integer>, OffersSetup {

    @Option(names = "--profile", paramLabel = "PROFILE", description = "azure-emulators or offline (default: the profile setting, azure-emulators); on the kubernetes target the overlay, offline or azure (azure-emulators reads as azure).")
    String profile;

    @Option(names = "--build", description = "Build the stack's images first (from Debian packages for the offline profile).")
    boolean build;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m", description = "How long to wait for healthy (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--force-conflicts", description = "kubernetes target: take over fields another field manager owns (otherwise such a field stops up).")
    boolean forceConflicts;

    @Override
    public Integer call() throws InterruptedException {
        if (session.target() instanceof Target.Kubernetes kubernetes) {
            return upOnCluster(kubernetes);
        }
        if (forceConflicts) {
            throw new CloudscaleException.Usage("--force-conflicts is for the kubernetes target: compose has no field managers", null);
        }
        Printer printer = session.printer();
        StackProfile chosen = StackProfile.parse(profile == null ? session.profile() : profile);
        Duration wait = timeout;
        try (StackLifecycle lifecycle = session.lifecycle()) {
            lifecycle.interrupted().forEach(open -> printer.error(open.describe()));
            if (build && !buildImages(lifecycle, chosen, printer)) {
                return ExitCode.PROBLEM.code();
            }
            printer.progress("starting " + session.project() + " (" + chosen.id() + " profile)");
            StartupProgressView progress = new StartupProgressView(printer, session.context().err(), session.context().stderrIsTerminal());
            UpResult result = lifecycle.up(chosen, wait, progress::update);
            if (printer.json()) {
                printer.document("up", result);
            } else {
                UpView.render(printer, result);
            }
            return (result.healthy() ? ExitCode.HEALTHY : ExitCode.PROBLEM).code();
        }
    }

    private int upOnCluster(Target.Kubernetes target) throws InterruptedException {
        if (build) {
            throw new CloudscaleException.Usage("--build builds images on this machine's engine, which a cluster does not pull from",
                    "build them (cloudscale stack images --local), push them to the cluster's registry and set the overlay's images");
        }
        Printer printer = session.printer();
        KubernetesOverlay overlay = KubernetesOverlay.parse(profile == null ? session.profile() : profile);
        try (KubernetesStack stack = session.kubernetesStack(target)) {
            printer.progress("applying the " + overlay.id() + " overlay to " + stack.describe());
            StartupProgressView progress = new StartupProgressView(printer, session.context().err(), session.context().stderrIsTerminal());
            UpResult result = stack.up(overlay, timeout, forceConflicts, progress::update);
            if (printer.json()) {
                printer.document("up", result);
            } else {
                UpView.render(printer, result);
            }
            return (result.healthy() ? ExitCode.HEALTHY : ExitCode.PROBLEM).code();
        }
    }

    private boolean buildImages(StackLifecycle lifecycle, StackProfile chosen, Printer printer) {
        StackImages images = StackImages.inUserCache(lifecycle.engine(), session.stackDir(), session.context().home());
        List<ImageOutcome> outcomes = images.build(chosen == StackProfile.OFFLINE, false, Set.of(), StackCommand.progress(printer, session.options().verbosity()));
        outcomes.stream().filter(outcome -> !outcome.ok())
                .forEach(outcome -> printer.error("image " + outcome.image() + " failed: " + outcome.detail()));
        return outcomes.stream().allMatch(ImageOutcome::ok);
    }
}
