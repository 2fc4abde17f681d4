package io.cloudscale.cli;

import io.cloudscale.probes.kubernetes.KubeletStatuses;
import io.cloudscale.probes.kubernetes.TestKubeconfig;
import static io.cloudscale.probes.kubernetes.KubeletStatuses.container;
import static io.cloudscale.probes.kubernetes.KubeletStatuses.pod;
import static io.cloudscale.probes.kubernetes.KubeletStatuses.terminated;
import static io.cloudscale.probes.kubernetes.KubeletStatuses.waiting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * status, probe and diagnose with --target kubernetes, against fabric8's mock API server in CRUD mode found through a
 * kubeconfig as an operator's would be: the stack's pods are written as a kubelet writes their status.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesTargetMockApiServerTest {

    private static final String NAMESPACE = "cloudscale";
    private static final Instant NOW = Instant.now();

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path dir;

    private TestKubeconfig kubeconfig;

    @BeforeEach
    void kubeconfig() throws IOException {
        kubeconfig = TestKubeconfig.use(dir.resolve("kubeconfig"), "mock-context", client.getConfiguration().getMasterUrl());
    }

    @AfterEach
    void restore() {
        kubeconfig.close();
    }

    private CliHarness cli() {
        return new CliHarness(dir).env("CLOUDSCALE_TARGET", "kubernetes").env("CLOUDSCALE_NAMESPACE", NAMESPACE);
    }

    private void kubelet(Pod pod, String phase, ContainerStatus status) {
        KubeletStatuses.report(client, NAMESPACE, pod, phase, status);
    }

    private void healthy(String service) {
        KubeletStatuses.reportHealthy(client, NAMESPACE, service, NOW);
    }

    private void apiCrashLooping() {
        kubelet(pod("ingestion-api", "ingestion-api-5f6c7-crash", NOW.minusSeconds(600)), "Running",
                container("ingestion-api", false, 5).withState(waiting("CrashLoopBackOff"))
                        .withLastState(terminated("Error", 1, NOW.minusSeconds(50), NOW.minusSeconds(49))).build());
    }

    @Test
    void statusShowsEachServiceFromItsPodAndNamesThePipelinesFiguresUnreadable() {
        List.of("gateway", "event-processor").forEach(this::healthy);
        apiCrashLooping();

        CliHarness.Result result = cli().run("status", "-o", "json");

        assertEquals(1, result.exitCode(), "a service is not healthy: " + result.err());
        JsonNode data = result.json().get("data");
        assertEquals(NAMESPACE, data.get("project").asText());
        assertEquals(List.of("event-processor", "gateway", "ingestion-api"), data.get("services").findValuesAsText("service"));
        JsonNode api = data.get("services").get(2);
        assertEquals("restarting", api.get("state").asText());
        assertEquals(5, api.get("restarts").asInt());
        JsonNode gateway = data.get("services").get(1);
        assertEquals("running", gateway.get("state").asText());
        assertEquals("healthy", gateway.get("health").asText());
        assertTrue(gateway.has("uptime"), gateway.toString());
        // this mock API server (CRUD mode) answers no pods/portforward: the figures say why they were not read
        assertTrue(data.at("/pipeline/unreachable/gateway").asText().startsWith("the port-forward to gateway (port http) through the API server failed"),
                data.toString());
        assertFalse(data.get("pipeline").has("queueDepth"), "a figure not read is null, never 0: " + data);
    }

    @Test
    void statusOfAStackWhosePodsAreAllReadyIsHealthy() {
        List.of("gateway", "ingestion-api", "event-processor", "dashboard").forEach(this::healthy);

        CliHarness.Result result = cli().run("status");

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("ingestion-api"), result.out());
    }

    @Test
    void statusWithNoPodOfTheStackIsNotRunningExit3InOneLine() {
        CliHarness.Result result = cli().run("status");

        assertEquals(3, result.exitCode(), result.out());
        assertEquals("cloudscale: the stack is not running: no pod of the stack in kubernetes context mock-context, namespace cloudscale",
                result.err().lines().findFirst().orElseThrow());
    }

    @Test
    void theContainerStateProbeReadsThePodsAndSaysHowTheCrashingOneEnded() {
        List.of("gateway", "event-processor").forEach(this::healthy);
        apiCrashLooping();

        CliHarness.Result result = cli().run("probe", "container-state");

        assertEquals(1, result.exitCode(), result.err());
        assertTrue(result.out().contains("ingestion-api: pod Running, container waiting (CrashLoopBackOff), not ready, restarts 5, "
                + "last run ended Error (exit code 1)"), result.out());
    }

    @Test
    void aPortForwardTheApiServerWillNotOpenIsUnknownNeverTheGatewayFailing() {
        healthy("gateway");

        // this mock API server (CRUD mode) answers no pods/portforward: the stream is refused, as RBAC or a proxy would
        CliHarness.Result result = cli().run("probe", "gateway-throughput");

        assertEquals(3, result.exitCode(), result.out() + result.err());
        assertTrue(result.out().contains("could not look: the port-forward to gateway (port http) through the API server failed: "), result.out());
    }

    @Test
    void diagnoseWalksTheTreeOnThePodsAndWithoutAPortForwardToTheGatewayIsUnexplainedNotACause() {
        List.of("gateway", "ingestion-api", "event-processor", "dashboard", "rabbitmq", "cosmos").forEach(this::healthy);

        CliHarness.Result result = cli().run("diagnose", "--window", "1s", "-o", "json");

        assertEquals(1, result.exitCode(), result.err());
        JsonNode diagnosis = result.json().get("data");
        assertFalse(diagnosis.at("/verdict/healthy").asBoolean(), diagnosis.toString());
        assertEquals("UNKNOWN", diagnosis.at("/path/0/answer").asText(), diagnosis.toString());
        assertFalse(diagnosis.at("/verdict/complete").asBoolean(), "a refused port-forward completes no verdict: " + diagnosis.at("/verdict"));
        assertTrue(diagnosis.at("/verdict/unchecked/0").asText().contains("the port-forward to gateway (port http) through the API server failed"),
                diagnosis.at("/verdict").toString());
        assertTrue(result.err().contains("diagnosing zero-events on kubernetes namespace cloudscale"), result.err());
    }

    @Test
    void logsOfAServiceWithoutAPodIsUnreachableAndFollowIsNotReadFromAClusterYet() {
        healthy("gateway");

        CliHarness.Result missing = cli().run("logs", "dashboard");
        CliHarness.Result follow = cli().run("logs", "gateway", "-f");

        assertEquals(3, missing.exitCode(), missing.out());
        assertEquals("cloudscale: no pod for service 'dashboard' in kubernetes namespace cloudscale (the kubeconfig's current context)",
                missing.err().lines().findFirst().orElseThrow());
        assertEquals(2, follow.exitCode(), follow.out());
        assertEquals("cloudscale: --follow is not read from a cluster yet", follow.err().lines().findFirst().orElseThrow());
    }
}
