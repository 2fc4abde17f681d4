package io.cloudscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * `drill --target kubernetes` through the command tree, against fabric8's mock API server in CRUD mode: what the command
 * decides before it runs a fault (a compose-only fault named, --all's skipped faults, --profile, a namespace without the
 * stack). The drills themselves on a played cluster: ClusterDrillMockApiServerTest (playbooks).
 */
class KubernetesDrillMockApiServerTest {

    private static final String NAMESPACE = "team-a";
    private static final List<String> COMPOSE_ONLY = List.of("gateway-remapped", "store-cut-off", "processor-paused", "broker-frozen",
            "broker-cut-off", "api-cut-off", "zombie-port-claim");

    @TempDir
    Path dir;

    @RegisterExtension
    final MockCluster cluster = new MockCluster();

    private CliHarness cli() {
        return new CliHarness(dir).env("CLOUDSCALE_TARGET", "kubernetes").env("CLOUDSCALE_NAMESPACE", NAMESPACE);
    }

    @Test
    void eachComposeOnlyFaultNamedForAClusterIsAUsageErrorSayingWhyBeforeAnythingIsAsked() {
        for (String fault : COMPOSE_ONLY) {
            CliHarness.Result result = cli().run("drill", fault, "healthy");

            assertEquals(2, result.exitCode(), fault + ": " + result.err());
            String first = result.err().lines().findFirst().orElseThrow();
            assertTrue(first.startsWith("cloudscale: " + fault + " is a fault of the compose target only: "), first);
            assertTrue(first.length() > ("cloudscale: " + fault + " is a fault of the compose target only: ").length() + 20, "with its reason: " + first);
        }
        assertTrue(cluster.server().client().apps().deployments().inNamespace(NAMESPACE).list().getItems().isEmpty());
    }

    @Test
    void allOnANamespaceWithoutTheStackNamesTheSkippedFaultsThenSaysTheStackIsNotRunning() {
        CliHarness.Result result = cli().run("drill", "--all");

        assertEquals(3, result.exitCode(), result.out() + result.err());
        List<String> skipped = new ArrayList<>();
        result.err().lines().filter(line -> line.contains("skipping ")).forEach(skipped::add);
        assertEquals(COMPOSE_ONLY.size(), skipped.size(), result.err());
        for (String fault : COMPOSE_ONLY) {
            assertTrue(skipped.stream().anyMatch(line -> line.contains("skipping " + fault + ", a fault of the compose target only: ")), fault + ": " + skipped);
        }
        assertTrue(result.err().contains("cloudscale: the stack is not running: no pod or Deployment of the stack in kubernetes context mock, namespace team-a"),
                result.err());
        assertFalse(result.err().contains("\tat "), "no stack trace: " + result.err());
    }

    @Test
    void aComposeProfileIsRefusedOnACluster() {
        CliHarness.Result result = cli().run("drill", "healthy", "--profile", "offline");

        assertEquals(2, result.exitCode(), result.err());
        assertTrue(result.err().startsWith("cloudscale: --profile picks a compose profile"), result.err());
    }

    @Test
    void keepingAFaultIsRefusedOnAClusterBeforeAnythingChanges() {
        CliHarness.Result result = cli().run("drill", "processor-down", "--keep");

        assertEquals(2, result.exitCode(), result.err());
        assertTrue(result.err().startsWith("cloudscale: --keep leaves a fault only this run could undo on a cluster"), result.err());
        assertTrue(cluster.server().client().apps().deployments().inNamespace(NAMESPACE).list().getItems().isEmpty());
    }

    @Test
    void theListSaysWhichFaultsAreComposesAloneAndWhy() {
        CliHarness.Result result = cli().run("drill", "--list", "-o", "json");

        assertEquals(0, result.exitCode(), result.err());
        List<String> composeOnly = new ArrayList<>();
        for (JsonNode fault : result.json().path("data")) {
            if (fault.hasNonNull("composeOnly")) {
                composeOnly.add(fault.path("fault").asText());
            }
        }
        assertEquals(COMPOSE_ONLY, composeOnly);
    }
}
