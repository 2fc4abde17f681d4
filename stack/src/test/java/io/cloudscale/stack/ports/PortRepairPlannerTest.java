package io.cloudscale.stack.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudscale.probes.ports.PortFinding;
import io.cloudscale.probes.ports.PortHolder;
import io.cloudscale.probes.ports.PortReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plan choices from recorded findings; no step is applied here (the engine is not needed to plan). */
class PortRepairPlannerTest {

    @TempDir
    Path stack;

    private StackPortMap map;

    @BeforeEach
    void compose() throws IOException {
        Files.writeString(stack.resolve("docker-compose.yml"), """
                services:
                  gateway:
                    ports: ["${GATEWAY_PORT:-8080}:80"]
                  cosmos:
                    ports: ["${COSMOS_PORT:-8081}:8081"]
                """);
        map = StackPortMap.load(stack, Map.of());
    }

    private static PortHolder.Container container(String project, String state, boolean active) {
        return new PortHolder.Container("0123456789abcdef", "c-" + project, state, project, "api", active, "0.0.0.0", "80/tcp", 0, "inspect");
    }

    private static PortReport held(int port, PortHolder... holders) {
        return new PortReport("cloudscale", true, null, List.of(new PortFinding(port, PortFinding.State.HELD, "Address already in use", List.of(holders), List.of())));
    }

    private RepairPlan plan(PortReport report, boolean force, Set<Integer> busy) {
        return new PortRepairPlanner(null, "cloudscale", map, port -> !busy.contains(port)).plan(report, force);
    }

    @Test
    void aHostProcessOnTheCosmosPortMovesCosmosTo8082() {
        RepairPlan plan = plan(held(8081, new PortHolder.HostProcess(42L, "alice", "python3 -m http.server 8081", "0.0.0.0:8081", "proc")), false, Set.of());

        assertEquals(1, plan.steps().size());
        RepairPlan.Step step = plan.steps().getFirst();
        assertEquals("remap-port", step.kind());
        assertTrue(step.description().contains("publish cosmos on host port 8082 instead of 8081"), step.description());
    }

    @Test
    void whenThePreferredPortIsBusyTheNextFreeOneIsTaken() {
        RepairPlan plan = plan(held(8080, new PortHolder.HostProcess(42L, "alice", "nginx", "0.0.0.0:8080", "proc")), false, Set.of(8081, 8082));

        assertTrue(plan.steps().getFirst().description().contains("on host port 8083 instead of 8080"), plan.steps().getFirst().description());
    }

    @Test
    void anotherProjectsContainerIsOnlyStoppedWithForce() {
        PortReport report = held(8080, container("billing", "running", true));

        RepairPlan polite = plan(report, false, Set.of());
        RepairPlan forced = plan(report, true, Set.of());

        assertEquals(List.of("remap-port"), polite.steps().stream().map(RepairPlan.Step::kind).toList());
        assertTrue(polite.notes().getFirst().contains("not touched without --force"), polite.notes().toString());
        assertEquals(List.of("stop-container"), forced.steps().stream().map(RepairPlan.Step::kind).toList());
    }

    @Test
    void aDeadContainerOfThisStackIsRemovedNotRemapped() {
        RepairPlan plan = plan(held(8080, container("cloudscale", "restarting", true)), false, Set.of());

        assertEquals(List.of("remove-container"), plan.steps().stream().map(RepairPlan.Step::kind).toList());
    }

    @Test
    void staleEndpointsAreDisconnectedThenTheProjectsNetworksPruned() {
        PortHolder.StaleEndpoint stale = new PortHolder.StaleEndpoint("cloudscale_default", "n1", "cloudscale_cosmos_1", "ep-abc", "cloudscale", "inspect");
        RepairPlan plan = plan(held(8081, new PortHolder.AllocatorClaim("refused"), stale), false, Set.of());

        assertEquals(List.of("disconnect-endpoint", "remap-port", "prune-networks"), plan.steps().stream().map(RepairPlan.Step::kind).toList());
        assertTrue(plan.notes().getFirst().contains("systemctl restart docker"), "engine restart is advice, never a step");
    }

    @Test
    void aPortTheStackDoesNotPublishGetsANoteNotAStep() {
        RepairPlan plan = plan(held(5432, new PortHolder.HostProcess(7L, "postgres", "postgres", "0.0.0.0:5432", "proc")), false, Set.of());

        assertTrue(plan.empty());
        assertTrue(plan.notes().getFirst().contains("the stack does not publish it"), plan.notes().toString());
    }
}
