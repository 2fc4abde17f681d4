package io.cloudscale.stack.ports;

import io.cloudscale.probes.docker.DockerHost;
import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.action.Journal;
import io.cloudscale.core.action.Interrupted;
import io.cloudscale.core.action.Repair;
import io.cloudscale.probes.docker.DockerEngine;
import io.cloudscale.probes.docker.EngineSnapshot;
import io.cloudscale.probes.host.HostListeners;
import io.cloudscale.probes.host.PortBindTest;
import io.cloudscale.probes.ports.PortFinding;
import io.cloudscale.probes.ports.PortInspector;
import io.cloudscale.probes.ports.PortReport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Port checks and repairs for one stack: find holders, plan the repair, apply it step by step with
 * a journal entry each, then verify by checking again. Also the `up` preflight.
 */
public final class PortService implements AutoCloseable {

    private final DockerEngine engine;
    private final String engineError;
    private final String project;
    private final Path stackDir;
    private final Map<String, String> environment;
    private final Journal journal;
    private final Clock clock;
    private final PortBindTest bindTest = new PortBindTest();

    public PortService(DockerHost dockerHost, String project, Path stackDir, Map<String, String> environment, Journal journal, Clock clock) {
        DockerEngine connected = null;
        String error = null;
        try {
            connected = DockerEngine.connect(dockerHost);
        } catch (CloudscaleException.Unreachable e) {
            error = e.getMessage();
        }
        this.engine = connected;
        this.engineError = error;
        this.project = project;
        this.stackDir = stackDir;
        this.environment = Map.copyOf(environment);
        this.journal = journal;
        this.clock = clock;
    }

    public StackPortMap stack() {
        return StackPortMap.load(stackDir, environment);
    }

    /** @param ports the ports to check; empty means every host port the stack publishes */
    public PortReport check(List<Integer> ports, boolean askEngine) {
        List<Integer> targets = ports.isEmpty() ? stack().hostPorts() : ports;
        return inspector().inspect(targets, askEngine);
    }

    /** What `up` calls first: the stack's ports that would make it fail halfway, and the command that fixes them. */
    public Preflight preflight() {
        return preflight(List.of());
    }

    /** @param ports the host ports of the compose file about to start; empty means all the stack's files publish */
    public Preflight preflight(List<Integer> ports) {
        PortReport report = check(ports, false);
        return new Preflight(report, report.heldPorts(), report.fixCommand());
    }

    public record Preflight(PortReport report, List<PortFinding> blocking, String fixCommand) {
        public boolean clear() {
            return blocking.isEmpty();
        }
    }

    /**
     * The repair's first half, the same for `ports fix` and a runbook's ports-fix action: what holds the ports, and the
     * least destructive plan that frees them (empty when none is held). The caller confirms; {@link #apply} does the rest.
     */
    public record Prepared(List<Integer> requested, PortReport before, RepairPlan plan) {
    }

    /** @param ports the ports to free; empty means every host port the stack publishes */
    public Prepared prepare(List<Integer> ports, boolean askEngine, boolean force) {
        PortReport before = check(ports, askEngine);
        return new Prepared(ports, before, before.anyHeld() ? plan(before, force) : new RepairPlan(List.of(), List.of()));
    }

    /** Applies a prepared repair and checks again (see {@link #apply(RepairPlan, List, String)}). */
    public FixResult apply(Prepared prepared, String command) {
        return apply(prepared.plan(), prepared.requested(), command);
    }

    public RepairPlan plan(PortReport report, boolean force) {
        requireEngineFor(report);
        EngineSnapshot snapshot = engine == null ? new EngineSnapshot(List.of(), List.of()) : EngineSnapshot.capture(engine);
        return new PortRepairPlanner(engine, project, stack(),
                port -> bindTest.whyUnavailable(port).isEmpty() && snapshot.publishing(port).isEmpty()).plan(report, force);
    }

    public record AppliedStep(RepairPlan.Step step, boolean ok, String result) {
    }

    public record FixResult(List<AppliedStep> applied, PortReport verification, boolean verified) {
    }

    /** Repairs a killed run of `ports fix` (or `up`) left open in the journal: what the next fix reports, then resolves. */
    public List<Interrupted> interrupted() {
        return journal.interrupted();
    }

    /**
     * Applies every step in order as one journalled repair (each step's intent before it acts, its result
     * after); stops at the first failure; then checks again. The planner is idempotent, so a repair a
     * killed run left open is complete once this plan, made from what the host shows now, has run: it is
     * marked resolved by this one.
     */
    public FixResult apply(RepairPlan plan, List<Integer> requestedPorts, String command) {
        List<Interrupted> unfinished = journal.interrupted();
        Set<Integer> verifyPorts = new LinkedHashSet<>(requestedPorts.isEmpty() ? stack().hostPorts() : requestedPorts);
        Repair repair = journal.begin(command, "ports " + verifyPorts, plan.steps().stream().map(RepairPlan.Step::description).toList());
        List<AppliedStep> applied = new ArrayList<>();
        for (RepairPlan.Step step : plan.steps()) {
            Repair.Done done = repair.apply(step.action(),
                    () -> step.port() > 0 ? describe(inspector().inspect(List.of(step.port()), false).ports().getFirst()) : List.of());
            applied.add(new AppliedStep(step, done.ok(), done.result()));
            if (step.action() instanceof RemapHostPort remap) {
                verifyPorts.remove(remap.published().hostPort());
                verifyPorts.add(remap.newPort());
            }
            if (!done.ok()) {
                break;
            }
        }
        PortReport verification = inspector().inspect(List.copyOf(verifyPorts), false);
        boolean verified = applied.stream().allMatch(AppliedStep::ok) && !verification.anyHeld();
        repair.close("verify", "ports " + verifyPorts, "check again after the fix", verified, verified ? "no port of the stack is held"
                        : "still held: " + verification.heldPorts().stream().map(finding -> Integer.toString(finding.port())).toList(),
                verification.ports().stream().flatMap(finding -> describe(finding).stream()).toList());
        if (requestedPorts.isEmpty()) { // only a check of every port of the stack settles what a killed run left open
            unfinished.forEach(open -> journal.resolve(open, command,
                    "re-checked and re-planned from what the host shows now; repair " + repair.id() + " applied what remained"));
        }
        return new FixResult(applied, verification, verified);
    }

    /** A check of every port of the stack found nothing held: whatever a killed run left open needs nothing more. */
    public void settled(List<Interrupted> unfinished, String command) {
        unfinished.forEach(open -> journal.resolve(open, command, "re-checked: no port of the stack is held, nothing remained to do"));
    }

    private static List<String> describe(PortFinding finding) {
        List<String> lines = new ArrayList<>();
        lines.add("port %d: %s".formatted(finding.port(), finding.state()));
        finding.holders().forEach(holder -> lines.add("  " + holder.summary()));
        return lines;
    }

    private void requireEngineFor(PortReport report) {
        if (engine == null && report.anyHeld()) {
            throw new CloudscaleException.Unreachable(engineError, "ports fix needs the Docker engine to act on containers and networks", null);
        }
    }

    private PortInspector inspector() {
        return new PortInspector(new HostListeners(), bindTest, engine, engineError, project);
    }

    public boolean engineReachable() {
        return engine != null;
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
    }
}
