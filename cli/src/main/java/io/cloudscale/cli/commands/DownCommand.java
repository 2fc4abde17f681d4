package io.cloudscale.cli.commands;

import io.cloudscale.cli.Session;
import io.cloudscale.cli.SessionCommand;
import io.cloudscale.cli.render.Printer;
import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.ExitCode;
import io.cloudscale.core.Status;
import io.cloudscale.core.config.Target;
import io.cloudscale.stack.kubernetes.KubernetesOverlay;
import io.cloudscale.stack.kubernetes.KubernetesStack;
import io.cloudscale.stack.kubernetes.StackObjects;
import io.cloudscale.stack.lifecycle.DownResult;
import io.cloudscale.stack.lifecycle.StackLifecycle;
import io.cloudscale.stack.lifecycle.StackProfile;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "down", description = {"Stop and remove the stack's containers and networks (volumes only with --volumes),", "then verify that no container, network or endpoint of the project remains and its host ports are free. Exit 0 clean, 1 something was left behind.",
        "With --target kubernetes: deletes what carries app.kubernetes.io/part-of=cloudscale in the namespace (never the namespace, never an unlabelled object) and verifies none of it is left."})
public final class DownCommand extends SessionCommand implements Callable<Integer> {

    // Long form only: -v is the verbose flag on every command of this tool, and a flag that deletes data
    // must not hide behind a letter that means something harmless everywhere else.
    @Option(names = "--volumes", description = "Also remove the stack's volumes (stored data goes with them). -v here is --verbose, as everywhere.")
    boolean volumes;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", description = "Grace period for each container (kubernetes: each pod) to stop (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--profile", paramLabel = "PROFILE", description = "azure-emulators or offline (default: the profile the running stack was started with).")
    String profile;

    @Override
    public Integer call() throws InterruptedException {
        if (session.target() instanceof Target.Kubernetes kubernetes) {
            return downOnCluster(kubernetes);
        }
        Printer printer = session.printer();
        try (StackLifecycle lifecycle = session.lifecycle()) {
            StackProfile chosen = lifecycle.profile(profile == null ? null : StackProfile.parse(profile));
            printer.progress("taking down " + session.project() + " (" + chosen.id() + " profile)");
            DownResult result = lifecycle.down(chosen, volumes, timeout);
            if (printer.json()) {
                printer.document("down", result);
            } else if (result.clean()) {
                printer.line(printer.symbol(Status.OK) + " " + result.project() + " is down in " + seconds(result)
                        + ": no container, network or endpoint left, host ports free");
            } else {
                printer.line(printer.symbol(Status.FAIL) + " " + result.project() + " down took " + seconds(result) + " but left something behind:");
                if (result.composeError() != null) {
                    printer.line("  compose: " + result.composeError());
                }
                result.leftovers().forEach(left -> printer.line("  " + left));
                result.busyPorts().forEach(port -> printer.line("  port " + port));
                printer.line("  next: cloudscale ports fix --dry-run");
            }
            return (result.clean() ? ExitCode.HEALTHY : ExitCode.PROBLEM).code();
        }
    }

    private int downOnCluster(Target.Kubernetes target) throws InterruptedException {
        if (volumes) {
            throw new CloudscaleException.Usage("--volumes: the kubernetes overlays keep no volumes (their data lives as long as its pod)", null);
        }
        if (profile != null) {
            KubernetesOverlay.parse(profile); // down deletes by label whichever overlay was applied: a profile is only checked
        }
        Printer printer = session.printer();
        try (KubernetesStack stack = session.kubernetesStack(target)) {
            printer.progress("taking down the stack in " + stack.describe());
            DownResult result = stack.down(timeout);
            String selector = StackObjects.PART_OF_LABEL + "=" + StackObjects.PART_OF;
            if (printer.json()) {
                printer.document("down", result);
            } else if (result.clean()) {
                printer.line(printer.symbol(Status.OK) + " " + result.project() + " is down in " + seconds(result) + ": nothing labelled " + selector + " left");
            } else {
                printer.line(printer.symbol(Status.FAIL) + " " + result.project() + " down took " + seconds(result) + " but left something behind:");
                result.leftovers().forEach(left -> printer.line("  " + left));
                printer.line("  next: kubectl -n " + result.project() + " describe pods -l " + selector + " (a finalizer or a node that stopped answering holds it)");
            }
            return (result.clean() ? ExitCode.HEALTHY : ExitCode.PROBLEM).code();
        }
    }

    private static String seconds(DownResult result) {
        return "%.1f s".formatted(result.took().toMillis() / 1000.0);
    }
}
