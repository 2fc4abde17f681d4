package io.cloudscale.cli.commands;

import io.cloudscale.cli.Session;
import io.cloudscale.cli.SessionCommand;
import io.cloudscale.core.Durations;
import io.cloudscale.core.ExitCode;
import io.cloudscale.core.Status;
import io.cloudscale.core.diagnosis.Observation;
import io.cloudscale.core.diagnosis.Probe;
import io.cloudscale.playbooks.rca.Diagnostician;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "probe", description = {"Run one probe alone and print its observation (status, value, evidence, duration).",
        "Exit 0 OK, 1 WARN or FAIL (a server that answers what cannot be read is FAIL), 3 when it could not look (UNKNOWN)."})
public final class ProbeCommand extends SessionCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "e.g. gateway-throughput, queue-depth, container-state, event-processor-logs, cosmos-reachability.")
    String name;

    @Option(names = "--list", description = "List the probes.")
    boolean list;

    @Option(names = "--window", paramLabel = "DURATION", defaultValue = "10s", description = "Sampling window for rate and depth probes (default ${DEFAULT-VALUE}).")
    Duration window;

    @Override
    public Integer call() throws Exception {
        Diagnostician diagnostician = new Diagnostician(session.targetSession());
        if (list || name == null) {
            for (Probe<?> probe : diagnostician.probes(window)) {
                session.printer().line("%-22s %s".formatted(probe.name(), probe.spec().description()));
            }
            return 0;
        }
        Observation<?> observation = diagnostician.probe(name, window);
        if (session.printer().json()) {
            session.printer().document("observation", observation);
        } else {
            session.printer().line("%s %s  %s  %s".formatted(session.printer().symbol(observation.status()), session.printer().bold(observation.probe()),
                    observation.status(), session.printer().dim(Durations.format(observation.duration()))));
            observation.evidence().forEach(evidence -> session.printer().line("    " + evidence.source() + ": " + evidence.text()));
            if (observation.reason() != null) {
                session.printer().line((observation.status() == Status.UNKNOWN ? "    could not look: " : "    could not read: ") + observation.reason());
            }
        }
        return switch (observation.status()) {
            case OK -> ExitCode.HEALTHY.code();
            case UNKNOWN -> ExitCode.UNREACHABLE.code();
            default -> ExitCode.PROBLEM.code();
        };
    }
}
