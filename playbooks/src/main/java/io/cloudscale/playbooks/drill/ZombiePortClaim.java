package io.cloudscale.playbooks.drill;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.probes.docker.DockerEngine;
import io.cloudscale.probes.ports.PortFinding;
import io.cloudscale.probes.ports.PortHolder;
import io.cloudscale.stack.lifecycle.DownResult;
import io.cloudscale.probes.signals.ServiceState;
import io.cloudscale.stack.lifecycle.StackLifecycle;
import io.cloudscale.stack.lifecycle.UpResult;
import io.cloudscale.stack.ports.PortService;
import io.cloudscale.stack.ports.PublishedPort;
import io.cloudscale.stack.ports.RepairPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The platform's first war story: before `up`, a container nobody remembers publishes the dashboard's host
 * port: the stack's dashboard from an older checkout, whose folder gave its compose project another name.
 * (An orphan of this very project is no zombie for `up`: compose removes it with --remove-orphans.) The
 * diagnosis is `up`'s own preflight, which must refuse to start and name that container; the undoing is
 * the repair `ports fix --force` plans (stop it, journalled), removing the container the drill made, then
 * `up` to healthy.
 */
final class ZombiePortClaim implements Fault {

    static final String ID = "zombie-port-claim";
    static final String ZOMBIE_SERVICE = "dashboard";
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(5);

    private String zombieId;
    private int port;

    @Override
    public String composeOnly() {
        return "a cluster's services publish no port on the host for a leftover container to hold";
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String expected() {
        return ID;
    }

    @Override
    public String description() {
        return "before up, the dashboard of an older checkout (another compose project) holds the dashboard's host port (8081)";
    }

    @Override
    public boolean stopsCounting() {
        return false;
    }

    @Override
    public void inject(DrillContext drill) throws Exception {
        ComposeDrillStack stack = drill.compose();
        StackLifecycle lifecycle = stack.lifecycle();
        PublishedPort dashboard = lifecycle.portMap(stack.profile()).ports().stream()
                .filter(published -> published.service().equals("dashboard")).findFirst()
                .orElseThrow(() -> new CloudscaleException.ProblemFound("the profile publishes no dashboard port", null));
        port = dashboard.hostPort();
        ServiceState gateway = lifecycle.view().services().get("gateway");
        if (gateway == null) {
            throw new CloudscaleException.ProblemFound("no gateway container to take an image from", "cloudscale up");
        }
        String image = lifecycle.engine().imageOf(gateway.containerId());
        DownResult down = lifecycle.down(stack.profile(), false, Duration.ofSeconds(10));
        if (!down.clean()) {
            throw new CloudscaleException.ProblemFound("down left something behind: " + down.leftovers() + " " + down.busyPorts(), null);
        }
        String previous = stack.project() + "-previous";
        zombieId = lifecycle.engine().runPublishing(image, previous + "_" + ZOMBIE_SERVICE + "_1",
                Map.of(DockerEngine.PROJECT_LABEL, previous, DockerEngine.SERVICE_LABEL, ZOMBIE_SERVICE,
                        DockerEngine.ONEOFF_LABEL, "False", DockerEngine.CREATED_BY_LABEL, "cloudscale drill zombie-port-claim"),
                8080, port);
    }

    @Override
    public Finding diagnose(DrillContext drill) throws Exception {
        UpResult up = drill.compose().lifecycle().up(drill.compose().profile(), UP_TIMEOUT, services -> { });
        List<String> evidence = new ArrayList<>();
        if (up.started()) {
            evidence.add("up was not stopped by its preflight: " + (up.healthy() ? "the stack started" : "the stack started and failed"));
            return new Finding(null, true, up.took(), List.of("ports-preflight"), evidence);
        }
        boolean named = false;
        for (PortFinding finding : up.blockingPorts()) {
            for (PortHolder holder : finding.holders()) {
                evidence.add(finding.port() + ": " + holder.summary());
                named |= finding.port() == port && holder instanceof PortHolder.Container container && container.id().equals(zombieId);
            }
        }
        if (up.fixCommand() != null) {
            evidence.add("fix: " + up.fixCommand());
        }
        return new Finding(named ? ID : "port-held-by-another", true, up.took(), List.of("ports-preflight"), evidence);
    }

    @Override
    public void restore(DrillContext drill) throws Exception {
        ComposeDrillStack stack = drill.compose();
        try (PortService ports = stack.ports().get()) {
            PortService.Preflight preflight = ports.preflight(List.of(port));
            if (!preflight.clear()) {
                RepairPlan plan = ports.plan(preflight.report(), true);
                PortService.FixResult fixed = ports.apply(plan, List.of(port), "cloudscale drill " + ID);
                if (!fixed.verified()) {
                    throw new CloudscaleException.ProblemFound("ports fix did not free " + port + ": " + fixed.applied(), "cloudscale ports check " + port);
                }
            }
        }
        if (zombieId != null) {
            // the fix stopped it, as it would stop anyone's; the drill made it, so the drill removes it
            stack.lifecycle().engine().remove(zombieId);
            zombieId = null;
        }
        String problem = stack.lifecycle().up(stack.profile(), UP_TIMEOUT, services -> { }).problem();
        if (problem != null) {
            throw new CloudscaleException.ProblemFound("up after the repair: " + problem, "cloudscale status");
        }
    }
}
