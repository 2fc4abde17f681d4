package io.cloudscale.stack.kubernetes;

import static io.cloudscale.probes.kubernetes.KubeletStatuses.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.stack.lifecycle.ServiceProgress;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The actions on the kubernetes target against fabric8's mock API server in CRUD mode: the stack applied and rolled
 * out, each action's change read back from the API server, and the rollout it starts reported by the test as the
 * Deployment controller would. Whether a real controller rolls new pods out for a changed template is the cluster's.
 */
class KubernetesActionsMockApiServerTest {

    private static final Path STACK = Path.of("").toAbsolutePath();
    private static final String NAMESPACE = "cloudscale";
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    private ApplyingMockApiServer mock;
    private KubernetesClient cluster;
    private PlayedControllers controllers;
    private KubernetesStack stack;
    private KubernetesActions actions;

    @BeforeEach
    void rolledOutStack() throws InterruptedException {
        mock = new ApplyingMockApiServer();
        cluster = mock.client();
        controllers = new PlayedControllers(cluster, NAMESPACE);
        stack = KubernetesStack.using(mock.api(NAMESPACE, Duration.ofSeconds(5)), STACK, Clock.fixed(NOW, ZoneOffset.UTC));
        new ManifestApply(mock.api(NAMESPACE, Duration.ofSeconds(5))).apply(Kustomization.render(KubernetesOverlay.OFFLINE.folder(STACK)), false);
        controllers.deployments().forEach(controllers::rolledOut);
        actions = stack.actions();
    }

    @AfterEach
    void stop() {
        stack.close();
        mock.close();
    }

    private Deployment deployment(String name) {
        return cluster.apps().deployments().inNamespace(NAMESPACE).withName(name).get();
    }

    private boolean restarted(String name) {
        Map<String, String> annotations = deployment(name).getSpec().getTemplate().getMetadata().getAnnotations();
        return annotations != null && annotations.containsKey(KubernetesActions.RESTARTED_AT);
    }

    @Test
    void restartChangesThePodTemplateAsKubectlsRolloutRestartAndWaitsForTheRollout() throws Exception {
        ServiceProgress rollout = controllers.whileReportingRollout("event-processor", 1, () -> actions.restart("event-processor", Duration.ofSeconds(20)));

        assertEquals(ServiceProgress.Phase.HEALTHY, rollout.phase(), rollout.detail());
        assertEquals(NOW.toString(), deployment("event-processor").getSpec().getTemplate().getMetadata().getAnnotations().get(KubernetesActions.RESTARTED_AT));
        assertFalse(restarted("gateway"), "only that service");
    }

    @Test
    void stopScalesToZeroRememberingTheReplicasOnTheDeploymentAndStartScalesBack() throws Exception {
        Deployment scaled = new DeploymentBuilder(deployment("ingestion-api")).editSpec().withReplicas(3).endSpec().build();
        cluster.apps().deployments().inNamespace(NAMESPACE).resource(scaled).update();
        controllers.reports("ingestion-api", 3, 3, 3);

        ServiceProgress stopped = controllers.whileReportingRollout("ingestion-api", 0, () -> actions.stop("ingestion-api", Duration.ofSeconds(20)));

        assertEquals(ServiceProgress.Phase.HEALTHY, stopped.phase(), "settled at 0 replicas: " + stopped.detail());
        assertEquals(0, deployment("ingestion-api").getSpec().getReplicas());
        assertEquals("3", deployment("ingestion-api").getMetadata().getAnnotations().get(KubernetesActions.STOPPED_REPLICAS));

        ServiceProgress started = controllers.whileReportingRollout("ingestion-api", 3, () -> actions.start("ingestion-api", Duration.ofSeconds(20)));

        assertEquals(ServiceProgress.Phase.HEALTHY, started.phase(), started.detail());
        assertEquals(3, deployment("ingestion-api").getSpec().getReplicas());
        assertFalse(deployment("ingestion-api").getMetadata().getAnnotations().containsKey(KubernetesActions.STOPPED_REPLICAS));
    }

    @Test
    void startingAServiceTheToolDidNotStopIsRefusedNotGuessed() {
        CloudscaleException.ProblemFound refused = assertThrows(CloudscaleException.ProblemFound.class,
                () -> actions.start("dashboard", Duration.ofSeconds(5)));

        assertTrue(refused.getMessage().startsWith("dashboard was not stopped by cloudscale"), refused.getMessage());
        assertEquals(1, deployment("dashboard").getSpec().getReplicas());
    }

    @Test
    void aChangedSettingIsPatchedIntoTheContainersEnvAndRollingBackRestoresTheTemplateItHad() throws Exception {
        PodTemplateSpec before = deployment("event-processor").getSpec().getTemplate();
        DeploymentStrategy strategyBefore = deployment("event-processor").getSpec().getStrategy();

        KubernetesActions.EnvChange change = actions.envChange("event-processor", Map.of("COSMOS_ENDPOINT", "https://cosmos:9999/", "DRILL", "1"));
        ServiceProgress rollout = controllers.whileReportingRollout("event-processor", 1, () -> actions.apply(change, Duration.ofSeconds(20)));

        List<EnvVar> env = deployment("event-processor").getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv();
        assertEquals(ServiceProgress.Phase.HEALTHY, rollout.phase());
        assertEquals("Recreate", deployment("event-processor").getSpec().getStrategy().getType(), "every pod replaced, none of the old left serving");
        assertEquals(List.of("https://cosmos:9999/"), env.stream().filter(v -> v.getName().equals("COSMOS_ENDPOINT")).map(EnvVar::getValue).toList());
        assertEquals(List.of("1"), env.stream().filter(v -> v.getName().equals("DRILL")).map(EnvVar::getValue).toList());
        assertTrue(env.stream().anyMatch(v -> v.getName().equals("RABBITMQ_URI") && v.getValueFrom() != null), "the rest of the env kept: " + env);

        ServiceProgress back = controllers.whileReportingRollout("event-processor", 1, () -> actions.rollBack(change, Duration.ofSeconds(20)));

        assertEquals(ServiceProgress.Phase.HEALTHY, back.phase());
        assertEquals(before, deployment("event-processor").getSpec().getTemplate());
        assertEquals(strategyBefore, deployment("event-processor").getSpec().getStrategy());
    }

    @Test
    void crashDeletesOnePodOfTheServiceAndNoOther() {
        cluster.pods().inNamespace(NAMESPACE).resource(pod("gateway", "gateway-7d4b9-second", NOW)).create();

        String crashed = actions.crash("gateway");

        assertEquals("gateway-5d8f9-ready", crashed);
        assertNull(cluster.pods().inNamespace(NAMESPACE).withName("gateway-5d8f9-ready").get());
        assertNotNull(cluster.pods().inNamespace(NAMESPACE).withName("gateway-7d4b9-second").get());
        assertNotNull(cluster.pods().inNamespace(NAMESPACE).withName("dashboard-5d8f9-ready").get());
    }

    @Test
    void aDeploymentWithoutTheStacksLabelIsLeftAlone() {
        Deployment foreign = new DeploymentBuilder(deployment("gateway")).editMetadata().withName("gateway-canary").withResourceVersion(null)
                .withLabels(Map.of("app.kubernetes.io/name", "gateway")).endMetadata().build();
        cluster.apps().deployments().inNamespace(NAMESPACE).resource(foreign).create();

        CloudscaleException.ProblemFound refused = assertThrows(CloudscaleException.ProblemFound.class,
                () -> actions.restart("gateway-canary", Duration.ofSeconds(5)));

        assertTrue(refused.getMessage().contains("is not the stack's"), refused.getMessage());
        assertFalse(restarted("gateway-canary"));
    }
}
