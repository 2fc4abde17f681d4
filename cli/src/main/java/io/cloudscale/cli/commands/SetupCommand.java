package io.cloudscale.cli.commands;

import io.cloudscale.cli.Session;
import io.cloudscale.cli.SessionCommand;
import io.cloudscale.stack.setup.SetupPurpose;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "setup", description = {"Make this machine ready for the tool and the stack: a Docker engine, compose, debootstrap and npm for the offline images; with --for tests, also what the test suite uses (busybox-static, iproute2, a RabbitMQ node on port 5673).",
        "Looks first, shows the plan (packages to install with apt-get, a dockerd to start: through systemd where it runs, else in the background with its log and pid under ~/.cloudscale), asks on a terminal or needs --yes, applies it step by step into the journal, then checks again as `doctor` does. A second run plans nothing. Not root, or not Debian/Ubuntu: the plan names the commands a person must run.",
        "--undo stops the dockerd and broker setup started, by the pids it recorded, and nothing else.",
        "Exit 0 ready, 1 not ready or a person must act."})
public final class SetupCommand extends SessionCommand implements Callable<Integer> {

    @Option(names = "--for", paramLabel = "PURPOSE", defaultValue = "stack",
            description = "stack (the tool and the platform) or tests (also the test suite's needs). Default: ${DEFAULT-VALUE}.")
    SetupPurpose purpose;

    @Option(names = {"-y", "--yes"}, description = "Apply without asking (required when stdin is not a terminal).")
    boolean yes;

    @Option(names = "--dry-run", description = "Show the plan; change nothing.")
    boolean dryRun;

    @Option(names = "--undo", description = "Stop what setup started (the dockerd, the tests' broker), by their recorded pids.")
    boolean undo;

    @Override
    public Integer call() {
        SetupWorkflow workflow = new SetupWorkflow(session);
        return undo ? workflow.undo(dryRun) : workflow.run(purpose, yes, dryRun);
    }
}
