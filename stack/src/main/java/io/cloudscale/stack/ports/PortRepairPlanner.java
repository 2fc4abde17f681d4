package io.cloudscale.stack.ports;

import io.cloudscale.core.action.Action;
import io.cloudscale.probes.docker.DockerEngine;
import io.cloudscale.probes.ports.PortFinding;
import io.cloudscale.probes.ports.PortHolder;
import io.cloudscale.probes.ports.PortReport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Chooses the least destructive repair for each held port: clean up what is this stack's own
 * (orphaned containers, stale endpoints, unused networks); stop another project's container only
 * when the operator says --force; otherwise move the stack out of the way by remapping its host
 * port. It never kills a process, never deletes engine files, never removes volumes.
 *
 * @param portIsFree whether a candidate host port can be published now (bind test, engine claims)
 */
public record PortRepairPlanner(DockerEngine engine, String project, StackPortMap stack, IntPredicate portIsFree) {

    /** The Cosmos emulator's own fix for the crowded 8080-8081 range: host 8082 -> container 8081. */
    static final int PREFERRED_COSMOS_HOST_PORT = 8082;
    private static final int SEARCH_RANGE = 200;

    public RepairPlan plan(PortReport report, boolean force) {
        List<RepairPlan.Step> steps = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Set<Integer> reserved = new HashSet<>(stack.hostPorts());
        boolean pruneNetworks = false;
        for (PortFinding finding : report.heldPorts()) {
            int port = finding.port();
            boolean needsRemap = false;
            boolean containerListed = finding.holders().stream().anyMatch(holder -> holder instanceof PortHolder.Container);
            for (PortHolder holder : finding.holders()) {
                switch (holder) {
                    case PortHolder.Container container when project.equals(container.project()) -> {
                        if (!"running".equals(container.state())) {
                            steps.add(new RepairPlan.Step(port, new DockerActions.RemoveContainer(engine, container,
                                    "a %s container of this stack keeps the port; `up` recreates it".formatted(container.state()))));
                        }
                    }
                    case PortHolder.Container container when container.active() -> {
                        if (force) {
                            steps.add(new RepairPlan.Step(port, new DockerActions.StopContainer(engine, container,
                                    "--force: another project's container holds the port")));
                        } else {
                            notes.add("port %d: %s holds it; not touched without --force (it would be stopped, never killed)"
                                    .formatted(port, container.summary()));
                            needsRemap = true;
                        }
                    }
                    case PortHolder.Container latent -> notes.add("port %d: %s".formatted(port, latent.summary()));
                    case PortHolder.StaleEndpoint stale -> {
                        steps.add(new RepairPlan.Step(port, new DockerActions.DisconnectEndpoint(engine, stale,
                                "an endpoint that outlived its container can keep the port's claim")));
                        pruneNetworks = true;
                    }
                    // a proxy whose container is listed (or is between restarts, so has no address) goes with it
                    case PortHolder.DockerProxy proxy when proxy.container() != null || containerListed -> { }
                    case PortHolder.EngineSocket engineSocket -> { } // the engine API names the container, handled above
                    case PortHolder.AllocatorClaim claim -> {
                        needsRemap = true;
                        notes.add("port %d: a leaked allocator claim clears only when the engine restarts (systemctl restart docker): "
                                .formatted(port) + "a last resort cloudscale prints, never does");
                    }
                    default -> needsRemap = true; // host process or leftover proxy: not ours to kill
                }
            }
            if (needsRemap) {
                remap(port, reserved).ifPresentOrElse(steps::add, () -> notes.add(cannotRemap(port)));
            }
        }
        if (pruneNetworks) {
            steps.add(new RepairPlan.Step(0, new DockerActions.PruneProjectNetworks(engine, project,
                    "compose recreates the project's networks on `up`; unused ones only keep stale state")));
        }
        return new RepairPlan(steps, notes);
    }

    private Optional<RepairPlan.Step> remap(int port, Set<Integer> reserved) {
        Optional<PublishedPort> published = stack.publishing(port).filter(PublishedPort::remappable);
        if (published.isEmpty()) {
            return Optional.empty();
        }
        int target = chooseNewPort(published.get(), reserved);
        if (target < 0) {
            return Optional.empty();
        }
        reserved.add(target);
        Action action = new RemapHostPort(stack.envFile(), published.get(), target,
                List.of("%s publishes host port %d through ${%s} in %s".formatted(published.get().service(), port,
                        published.get().variable(), published.get().file()), "host port %d is free".formatted(target)),
                "the holder is not this stack's to remove; moving the stack's port clears the conflict for good");
        return Optional.of(new RepairPlan.Step(port, action));
    }

    private int chooseNewPort(PublishedPort published, Set<Integer> reserved) {
        if (published.containerPort() == 8081 && published.hostPort() != PREFERRED_COSMOS_HOST_PORT
                && !reserved.contains(PREFERRED_COSMOS_HOST_PORT) && portIsFree.test(PREFERRED_COSMOS_HOST_PORT)) {
            return PREFERRED_COSMOS_HOST_PORT;
        }
        for (int candidate = published.hostPort() + 1; candidate <= Math.min(65535, published.hostPort() + SEARCH_RANGE); candidate++) {
            if (!reserved.contains(candidate) && portIsFree.test(candidate)) {
                return candidate;
            }
        }
        return -1;
    }

    private String cannotRemap(int port) {
        return stack.publishing(port)
                .map(published -> "port %d: %s publishes it as a literal in %s; write it as \"${%s_PORT:-%d}:%d\" so it can be remapped"
                        .formatted(port, published.service(), published.file(), published.service().toUpperCase().replace('-', '_'),
                                port, published.containerPort()))
                .orElse("port %d: the stack does not publish it (no compose file in %s names it); free it by hand".formatted(port, stack.stackDir()));
    }
}
