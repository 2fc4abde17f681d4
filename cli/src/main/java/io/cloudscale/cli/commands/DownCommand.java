package io.cloudscale.cli.commands;

import io.cloudscale.cli.Session;
import io.cloudscale.cli.render.Printer;
import io.cloudscale.core.ExitCode;
import io.cloudscale.core.Status;
import io.cloudscale.stack.lifecycle.DownResult;
import io.cloudscale.stack.lifecycle.StackLifecycle;
import io.cloudscale.stack.lifecycle.StackProfile;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "down", description = {"Stop and remove the stack's containers and networks (volumes only with --volumes),", "then verify that no container, network or endpoint of the project remains and its host ports are free. Exit 0 clean, 1 something was left behind."})
public final class DownCommand implements Callable<Integer> {

    private final Session session;

    // Long form only: -v is the verbose flag on every command of this tool, and a flag that deletes data
    // must not hide behind a letter that means something harmless everywhere else.
    @Option(names = "--volumes", description = "Also remove the stack's volumes (stored data goes with them). -v here is --verbose, as everywhere.")
    boolean volumes;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", description = "Grace period for each container to stop (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--profile", paramLabel = "PROFILE", description = "azure-emulators or offline (default: the profile the running stack was started with).")
    String profile;

    public DownCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
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

    private static String seconds(DownResult result) {
        return "%.1f s".formatted(result.took().toMillis() / 1000.0);
    }
}
