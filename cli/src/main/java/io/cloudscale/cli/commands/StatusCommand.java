package io.cloudscale.cli.commands;

import io.cloudscale.cli.Session;
import io.cloudscale.cli.SessionCommand;
import io.cloudscale.cli.render.StatusView;
import io.cloudscale.core.ExitCode;
import io.cloudscale.playbooks.PlatformStatus;
import io.cloudscale.stack.lifecycle.StackStatus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "status", description = {"One line per service (state, health, restarts, uptime, published ports) and the", "pipeline's figures when reachable: ingest rate at the gateway, events stored and their rate, queue depth, dead letters, the processor's circuit. On --target kubernetes: one line per service from its pods; the pipeline's figures are named unreadable. Exit 0 all healthy, 1 a service is not, 3 the stack is not running."})
public final class StatusCommand extends SessionCommand implements Callable<Integer> {

    @Override
    public Integer call() throws InterruptedException {
        StackStatus status = PlatformStatus.read(session.targetSession());
        if (session.printer().json()) {
            session.printer().document("status", status);
        } else {
            StatusView.render(session.printer(), status);
        }
        return (status.healthy() ? ExitCode.HEALTHY : ExitCode.PROBLEM).code();
    }
}
