package io.cloudscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudscale.stack.kubernetes.PlayedControllers;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * `up` and `down` with --target kubernetes, end to end through the command tree, against fabric8's mock API server in
 * CRUD mode taught server-side apply; the test plays the Deployment controller and the kubelet. The kubeconfig is
 * found as kubectl finds it (here through the client's {@code kubeconfig} system property).
 */
class KubernetesUpDownMockApiServerTest {

    private static final String STACK_DIR = Path.of("../stack").toAbsolutePath().normalize().toString();
    private static final List<String> OFFLINE_DEPLOYMENTS = List.of("cosmos", "dashboard", "event-processor", "gateway", "ingestion-api", "rabbitmq");

    @TempDir
    Path dir;

    @RegisterExtension
    final MockCluster cluster = new MockCluster();

    private CliHarness.Result run(String... args) {
        return new CliHarness(dir).env("CLOUDSCALE_TARGET", "kubernetes").env("CLOUDSCALE_NAMESPACE", "team-a")
                .env("CLOUDSCALE_STACK_DIR", STACK_DIR).run(args);
    }

    @Test
    void upRollsTheOverlayOutAndDownLeavesNothingOfIt() throws Exception {
        PlayedControllers controllers = new PlayedControllers(cluster.server().client(), "team-a");
        CompletableFuture<CliHarness.Result> up = CompletableFuture.supplyAsync(
                () -> run("up", "--profile", "offline", "--timeout", "60s", "-o", "json"), Thread::startVirtualThread);
        assertTrue(controllers.awaitDeployments(OFFLINE_DEPLOYMENTS.size(), Duration.ofSeconds(30)), "applied: " + controllers.deployments());
        OFFLINE_DEPLOYMENTS.forEach(controllers::rolledOut);

        CliHarness.Result result = up.get(60, TimeUnit.SECONDS);

        assertEquals(0, result.exitCode(), result.err());
        JsonNode document = result.json();
        assertEquals("up", document.get("kind").asText());
        assertEquals("team-a", document.get("data").get("project").asText());
        assertEquals("offline", document.get("data").get("profile").asText());
        assertEquals(OFFLINE_DEPLOYMENTS.size(), document.get("data").get("services").size());
        document.get("data").get("services").forEach(service -> assertEquals("healthy", service.get("result").asText(), service.toString()));
        assertTrue(result.err().contains("applying the offline overlay to kubernetes context mock, namespace team-a"), result.err());

        CliHarness.Result down = run("down", "--timeout", "1s", "-o", "json");

        assertEquals(0, down.exitCode(), down.err());
        assertEquals("down", down.json().get("kind").asText());
        assertEquals(0, down.json().get("data").get("leftovers").size(), down.out());
        assertTrue(controllers.deployments().isEmpty());
    }

    @Test
    void aRolloutThatDoesNotFinishInTimeIsExit1WithOneLinePerServiceThatFailed() {
        CliHarness.Result result = run("up", "--profile", "offline", "--timeout", "2s");

        assertEquals(1, result.exitCode(), result.err());
        assertTrue(result.out().lines().anyMatch(line -> line.matches("✗ gateway failed after \\d+s: not ready within 2 s: 0/1 available, 0 updated")
                || line.matches(". gateway failed after \\d+s: not ready within 2 s: 0/1 available, 0 updated")), result.out());
    }

    @Test
    void anApiServerThatIsNotThereIsExit3InOneLine() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Files.writeString(cluster.kubeconfigFile(), cluster.server().kubeconfig().replace(cluster.server().client().getConfiguration().getMasterUrl().replaceAll("/$", ""),
                "http://127.0.0.1:" + closed));

        CliHarness.Result result = run("down");

        assertEquals(3, result.exitCode(), result.err());
        assertTrue(result.err().lines().anyMatch(line -> line.startsWith("cloudscale: the Kubernetes API server at http://127.0.0.1:" + closed + "/: deleting")),
                result.err());
        assertTrue(!result.err().contains("\tat "), "no stack trace: " + result.err());
    }

    @Test
    void optionsThatMeanNothingOnTheTargetAreUsageErrors() {
        assertEquals("cloudscale: --build builds images on this machine's engine, which a cluster does not pull from",
                run("up", "--build").err().lines().findFirst().orElseThrow());
        assertEquals(2, run("up", "--build").exitCode());
        assertEquals(2, run("down", "--volumes").exitCode());
        assertEquals(2, run("up", "--profile", "swarm").exitCode());
        CliHarness.Result compose = new CliHarness(dir).run("up", "--force-conflicts");
        assertEquals(2, compose.exitCode(), compose.err());
        assertEquals("cloudscale: --force-conflicts is for the kubernetes target: compose has no field managers",
                compose.err().lines().findFirst().orElseThrow());
    }

    @Test
    void aContextTheKubeconfigLacksIsExit2NamingTheOnesItHas() {
        CliHarness.Result result = run("down", "--context", "prod");

        assertEquals(2, result.exitCode(), result.err());
        assertEquals("cloudscale: no context prod in the kubeconfig (it has mock)", result.err().lines().findFirst().orElseThrow());
    }
}
