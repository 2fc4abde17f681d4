package io.cloudscale.stack.ports;

import io.cloudscale.core.action.Interrupted;
import io.cloudscale.core.action.Journal;
import io.cloudscale.core.action.RepairChild;
import io.cloudscale.probes.host.PortBindTest;
import io.cloudscale.probes.ports.PortReport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What `ports fix --yes` does, in a child JVM and without a Docker engine (the holders are host processes,
 * so the plan is remaps of the stack's .env). {@code args}: fix|recover, the stack folder, the journal, and
 * for fix where to wait to be killed ({@code N-before}/{@code N-after}, as {@link RepairChild}).
 */
public final class PortFixChild {

    public static void main(String[] args) {
        Path stackDir = Path.of(args[1]);
        try (PortService service = new PortService(io.cloudscale.probes.docker.DockerHost.of("unix:///nonexistent/cloudscale-test.sock"), "cs-kill", stackDir, Map.of(),
                new Journal(Path.of(args[2])), Clock.systemUTC())) {
            List<Interrupted> unfinished = service.interrupted();
            unfinished.forEach(open -> System.out.println(open.describe()));
            PortReport report = service.check(List.of(), false);
            if (!report.anyHeld()) {
                service.settled(unfinished, "ports fix");
                System.out.println("nothing to fix");
                return;
            }
            PortBindTest bindTest = new PortBindTest();
            RepairPlan plan = new PortRepairPlanner(null, "cs-kill", service.stack(), port -> bindTest.whyUnavailable(port).isEmpty())
                    .plan(report, false);
            if ("fix".equals(args[0])) {
                plan = pausing(plan, args[3], stackDir.resolve("paused"));
            }
            PortService.FixResult result = service.apply(plan, List.of(), "ports fix");
            System.out.println(result.verified() ? "fixed" : "not fixed");
            System.exit(result.verified() ? 0 : 1);
        }
    }

    private static RepairPlan pausing(RepairPlan plan, String pause, Path marker) {
        List<RepairPlan.Step> steps = new ArrayList<>();
        for (int i = 0; i < plan.steps().size(); i++) {
            RepairPlan.Step step = plan.steps().get(i);
            steps.add(pause.startsWith((i + 1) + "-")
                    ? new RepairPlan.Step(step.port(), new RepairChild.Pausing(step.action(), pause.endsWith("before"), marker))
                    : step);
        }
        return new RepairPlan(steps, plan.notes());
    }
}
