package io.cloudscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static io.cloudscale.probes.kubernetes.KubeletStatuses.container;
import static io.cloudscale.probes.kubernetes.KubeletStatuses.pod;
import static io.cloudscale.probes.kubernetes.KubeletStatuses.terminated;
import static io.cloudscale.probes.kubernetes.KubeletStatuses.waiting;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudscale.core.Poll;
import io.cloudscale.stack.kubernetes.ApplyingMockApiServer;
import io.cloudscale.stack.kubernetes.PlayedControllers;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runbooks with --target kubernetes, end to end through the command tree, against fabric8's mock API server in CRUD
 * mode; the test plays the Deployment controller. restart-service restarts the Deployment's pods as `kubectl rollout
 * restart` does and waits for the rollout; ports-fix, which frees this machine's host ports, refuses the target.
 */
class KubernetesRunbookMockApiServerTest {

    private static final String NAMESPACE = "team-a";

    @TempDir
    Path dir;

    @RegisterExtension
    final MockCluster cluster = new MockCluster();
    private ApplyingMockApiServer mock;
    private PlayedControllers controllers;

    @BeforeEach
    void rolledOutProcessor() {
        mock = cluster.server();
        controllers = new PlayedControllers(mock.client(), NAMESPACE);
        mock.client().apps().deployments().inNamespace(NAMESPACE).resource(new DeploymentBuilder()
                .withNewMetadata().withName("event-processor").addToLabels("app.kubernetes.io/part-of", "cloudscale").endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app.kubernetes.io/name", "event-processor").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app.kubernetes.io/name", "event-processor").endMetadata()
                .withNewSpec().addNewContainer().withName("event-processor").withImage("cloudscale/service:local").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
        controllers.rolledOut("event-processor");
    }

    private CliHarness cli() {
        return new CliHarness(dir).env("CLOUDSCALE_TARGET", "kubernetes").env("CLOUDSCALE_NAMESPACE", NAMESPACE);
    }

    private Path runbook(String name, String action, String with) throws IOException {
        return Files.writeString(dir.resolve(name + ".yaml"), """
                name: %s
                steps:
                  - id: act
                    action: %s
                    with: %s
                """.formatted(name, action, with));
    }

    private Map<String, String> templateAnnotations() {
        Deployment deployment = mock.client().apps().deployments().inNamespace(NAMESPACE).withName("event-processor").get();
        return deployment.getSpec().getTemplate().getMetadata().getAnnotations();
    }

    @Test
    void aDryRunPlansTheRolloutRestartOfTheServicesDeploymentAndChangesNothing() throws IOException {
        Path file = runbook("restart", "restart-service", "{service: event-processor}");

        CliHarness.Result result = cli().run("playbook", "run", file.toString(), "--dry-run", "--journal", dir.resolve("j").toString(), "-o", "json");

        assertEquals(0, result.exitCode(), result.err());
        JsonNode step = result.json().path("data").path("steps").get(0);
        assertEquals("planned", step.path("outcome").asText(), step.toString());
        assertEquals("rollout-restart deployment/event-processor in kubernetes context mock, namespace team-a: now running (healthy)",
                step.path("evidence").get(0).asText(), step.toString());
        Map<String, String> annotations = templateAnnotations();
        assertTrue(annotations == null || !annotations.containsKey("kubectl.kubernetes.io/restartedAt"), "a plan changes nothing: " + annotations);
    }

    @Test
    void restartServiceRestartsTheDeploymentsPodsAndWaitsForTheRollout() throws Exception {
        Path file = runbook("restart", "restart-service", "{service: event-processor}");

        CliHarness.Result result = controllers.whileReportingRollout("event-processor", 1,
                () -> cli().run("playbook", "run", file.toString(), "--yes", "--journal", dir.resolve("j").toString(), "-o", "json"));

        assertEquals(0, result.exitCode(), result.err() + result.out());
        JsonNode step = result.json().path("data").path("steps").get(0);
        assertEquals("passed", step.path("outcome").asText(), step.toString());
        assertTrue(step.path("detail").asText().startsWith("restarted deployment/event-processor"), step.toString());
        assertNotNull(templateAnnotations().get("kubectl.kubernetes.io/restartedAt"), "the pod template changed as kubectl rollout restart changes it");
    }

    @Test
    void aRestartWhoseNewPodCrashLoopsFailsTheStepAtOnceWithTheReason() throws Exception {
        Path file = runbook("restart", "restart-service", "{service: event-processor}");
        CompletableFuture<CliHarness.Result> run = CompletableFuture.supplyAsync(
                () -> cli().run("playbook", "run", file.toString(), "--yes", "--journal", dir.resolve("j").toString(), "-o", "json"),
                Thread::startVirtualThread);
        assertTrue(Poll.until(this::templateAnnotations, annotations -> annotations != null && annotations.containsKey("kubectl.kubernetes.io/restartedAt"),
                Duration.ofMillis(50), Duration.ofSeconds(20)).held(), "the restart changed the template");

        controllers.kubelet(pod("event-processor", "event-processor-7c9d8-crash", Instant.now()), "Running",
                container("event-processor", false, 3).withState(waiting("CrashLoopBackOff"))
                        .withLastState(terminated("Error", 1, Instant.now().minusSeconds(20), Instant.now().minusSeconds(19))).build());
        CliHarness.Result result = run.get(30, TimeUnit.SECONDS);

        assertEquals(1, result.exitCode(), result.err());
        JsonNode step = result.json().path("data").path("steps").get(0);
        assertEquals("failed", step.path("outcome").asText(), step.toString());
        assertTrue(step.path("detail").asText().startsWith("the rollout restart of event-processor did not complete: "), step.toString());
        assertTrue(step.path("detail").asText().contains("CrashLoopBackOff"), step.toString());
    }

    @Test
    void restartingAServiceTheClusterDoesNotRunFailsTheStepSayingSo() throws IOException {
        Path file = runbook("restart", "restart-service", "{service: no-such-service}");

        CliHarness.Result result = cli().run("playbook", "run", file.toString(), "--yes", "--journal", dir.resolve("j").toString(), "-o", "json");

        assertEquals(1, result.exitCode(), result.err());
        JsonNode step = result.json().path("data").path("steps").get(0);
        assertEquals("failed", step.path("outcome").asText(), step.toString());
        assertTrue(step.path("detail").asText().contains("has no service no-such-service"), step.toString());
    }

    @Test
    void portsFixRefusesTheKubernetesTargetInsteadOfChangingThisMachinesPorts() throws IOException {
        Path file = runbook("ports", "ports-fix", "{ports: 8080}");

        CliHarness.Result result = cli().run("playbook", "run", file.toString(), "--yes", "--journal", dir.resolve("j").toString(), "-o", "json");

        assertEquals(1, result.exitCode(), result.err());
        JsonNode step = result.json().path("data").path("steps").get(0);
        assertEquals("failed", step.path("outcome").asText(), step.toString());
        assertTrue(step.path("detail").asText().contains("ports-fix frees this machine's host ports for the compose stack"), step.toString());
        assertFalse(result.err().contains("\tat "), "no stack trace: " + result.err());
    }

    @Test
    void theBuiltInsAreListedWhateverTheTarget() {
        CliHarness.Result result = cli().run("playbook", "list", "-o", "json");

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.json().path("data").size() >= 4, result.out());
        assertNull(result.json().path("data").get(0).get("error"));
    }
}
