package io.cloudscale.probes.kubernetes;

import static io.cloudscale.probes.kubernetes.KubeletStatuses.container;
import static io.cloudscale.probes.kubernetes.KubeletStatuses.pod;
import static io.cloudscale.probes.kubernetes.KubeletStatuses.running;
import static io.cloudscale.probes.kubernetes.KubeletStatuses.terminated;
import static io.cloudscale.probes.kubernetes.KubeletStatuses.waiting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.probes.signals.ServiceLog;
import io.cloudscale.probes.signals.ServiceState;
import io.cloudscale.probes.signals.StackState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link KubernetesPlatform} against fabric8's mock API server in CRUD mode: the test writes the stack's pods into it
 * and then their statuses through the status subresource, as a kubelet does, and reads them back through the
 * platform as a probe would. What a real cluster adds (a kubelet's timing, RBAC) is not covered here.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesPlatformMockApiServerTest {

    private static final String NAMESPACE = "cloudscale";
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    KubernetesMockServer server;
    KubernetesClient client;

    private KubernetesPlatform platform;

    @BeforeEach
    void connect() {
        platform = KubernetesPlatform.using(client.getConfiguration(), NAMESPACE, Duration.ofSeconds(5), Clock.fixed(NOW, ZoneOffset.UTC), "mock API server");
    }

    @AfterEach
    void close() {
        platform.close();
    }

    /** Creates the pod, then writes its status as the kubelet does: through the status subresource. */
    private void kubelet(Pod pod, String phase, ContainerStatus status) {
        KubeletStatuses.report(client, NAMESPACE, pod, phase, status);
        Pod stored = client.pods().inNamespace(NAMESPACE).withName(pod.getMetadata().getName()).get();
        assertEquals(phase, stored.getStatus().getPhase(), "the mock API server kept the status written");
    }

    private ServiceState service(String name) {
        StackState stack = platform.services();
        return stack.service(name).orElseThrow(() -> new AssertionError("no " + name + " in " + stack));
    }

    @Test
    void aReadyRunningPodIsUpAndHealthy() {
        kubelet(pod("gateway", "gateway-7d4b9-abcde", NOW.minusSeconds(600)), "Running",
                container("gateway", true, 0).withState(running(NOW.minusSeconds(590))).build());

        ServiceState gateway = service("gateway");

        assertEquals(new ServiceState("gateway", "gateway-7d4b9-abcde", "running", "healthy", 0, null, false, false,
                null, NOW.minusSeconds(590), List.of(), List.of()), gateway);
        assertTrue(gateway.up());
        assertTrue(gateway.alive());
    }

    @Test
    void aPodInCrashLoopBackOffIsCrashLoopingNotUpNotAliveWithItsLastExitCode() {
        kubelet(pod("ingestion-api", "ingestion-api-5f6c7-xyz12", NOW.minusSeconds(300)), "Running",
                container("ingestion-api", false, 4).withState(waiting("CrashLoopBackOff"))
                        .withLastState(terminated("Error", 1, NOW.minusSeconds(40), NOW.minusSeconds(38))).build());

        List<PodState> pods = platform.pods();
        ServiceState api = service("ingestion-api");

        assertEquals(1, pods.size());
        assertEquals("CrashLoopBackOff", pods.getFirst().waitingReason());
        assertEquals(4, pods.getFirst().restarts());
        assertEquals("Error", pods.getFirst().endReason());
        assertEquals(1, pods.getFirst().endExitCode());
        assertEquals("restarting", api.state());
        assertTrue(api.crashLooping());
        assertFalse(api.up(), "a crash-looping pod reads as not up: the tree's api-crashing input");
        assertFalse(api.alive());
        assertEquals(1, api.exitCode());
        assertEquals(4, api.restarts());
    }

    @Test
    void aContainerOomKilledLastTimeCarriesExit137AndOomWhileItWaitsToStartAgain() {
        kubelet(pod("event-processor", "event-processor-66b8d-q1w2e", NOW.minusSeconds(900)), "Running",
                container("event-processor", false, 2).withState(waiting("CrashLoopBackOff"))
                        .withLastState(terminated("OOMKilled", 137, NOW.minusSeconds(70), NOW.minusSeconds(20))).build());

        ServiceState processor = service("event-processor");
        PodState pod = platform.pods().getFirst();

        assertEquals("OOMKilled", pod.lastTerminationReason());
        assertEquals(137, pod.lastExitCode());
        assertTrue(processor.oomKilled());
        assertEquals(137, processor.exitCode());
        assertTrue(processor.crashLooping());
        assertFalse(processor.up(), "the tree's processor-down input");
    }

    @Test
    void aContainerRunningAgainLongAfterItsOomIsUpWithItsRestartsCounted() {
        kubelet(pod("event-processor", "event-processor-66b8d-r5t6y", NOW.minusSeconds(3600)), "Running",
                container("event-processor", true, 1).withState(running(NOW.minusSeconds(600)))
                        .withLastState(terminated("OOMKilled", 137, NOW.minusSeconds(900), NOW.minusSeconds(601))).build());

        ServiceState processor = service("event-processor");

        assertTrue(processor.up());
        assertFalse(processor.crashLooping());
        assertFalse(processor.oomKilled(), "compose's OOM flag is the current run's: this run was not killed");
        assertNull(processor.exitCode());
        assertEquals(1, processor.restarts());
        assertEquals("OOMKilled", platform.pods().getFirst().endReason(), "the previous run's end stays readable as evidence");
    }

    @Test
    void aRestartedContainerRunningForSecondsIsStillCrashLooping() {
        kubelet(pod("ingestion-api", "ingestion-api-5f6c7-abc99", NOW.minusSeconds(300)), "Running",
                container("ingestion-api", false, 3).withState(running(NOW.minusSeconds(5)))
                        .withLastState(terminated("Error", 1, NOW.minusSeconds(20), NOW.minusSeconds(6))).build());

        ServiceState api = service("ingestion-api");

        assertEquals("running", api.state());
        assertTrue(api.crashLooping(), "caught between two crashes, as ContainerStateProbe reads a container restarted moments ago");
        assertFalse(api.up());
    }

    @Test
    void notReadyLongAfterItsStartIsUnhealthyButAliveAndWithinItsStartItIsStarting() {
        kubelet(pod("dashboard", "dashboard-8c9d0-aaaaa", NOW.minusSeconds(600)), "Running",
                container("dashboard", false, 0).withState(running(NOW.minusSeconds(590))).build());
        kubelet(pod("gateway", "gateway-7d4b9-bbbbb", NOW.minusSeconds(10)), "Running",
                container("gateway", false, 0).withState(running(NOW.minusSeconds(8))).build());

        ServiceState dashboard = service("dashboard");
        ServiceState gateway = service("gateway");

        assertEquals("unhealthy", dashboard.health());
        assertFalse(dashboard.up());
        assertTrue(dashboard.alive(), "the process runs; it does not answer its readiness check");
        assertEquals("starting", gateway.health());
        assertTrue(gateway.up(), "as compose's health 'starting' within the start period");
    }

    @Test
    void anImageThatCannotBePulledNeverStartedAndIsNotCrashLooping() {
        kubelet(pod("dashboard", "dashboard-8c9d0-ccccc", NOW.minusSeconds(120)), "Pending",
                container("dashboard", false, 0).withState(waiting("ImagePullBackOff")).build());

        ServiceState dashboard = service("dashboard");

        assertEquals("ImagePullBackOff", platform.pods().getFirst().waitingReason());
        assertEquals("created", dashboard.state());
        assertFalse(dashboard.up());
        assertFalse(dashboard.alive());
        assertFalse(dashboard.crashLooping());
    }

    @Test
    void ofAnOldReadyPodAndANewCrashLoopingOneTheServiceIsWhatTheReadyOneServes() {
        kubelet(pod("ingestion-api", "ingestion-api-old-11111", NOW.minusSeconds(7200)), "Running",
                container("ingestion-api", true, 0).withState(running(NOW.minusSeconds(7190))).build());
        kubelet(pod("ingestion-api", "ingestion-api-new-22222", NOW.minusSeconds(120)), "Running",
                container("ingestion-api", false, 3).withState(waiting("CrashLoopBackOff"))
                        .withLastState(terminated("Error", 2, NOW.minusSeconds(30), NOW.minusSeconds(29))).build());

        ServiceState api = service("ingestion-api");

        assertEquals("ingestion-api-old-11111", api.container());
        assertTrue(api.up());
        assertEquals(2, platform.pods().size(), "both pods are there for the evidence");
    }

    @Test
    void onlyThisNamespacesLabelledPodsAreTheStack() {
        kubelet(pod("gateway", "gateway-7d4b9-ddddd", NOW.minusSeconds(60)), "Running",
                container("gateway", true, 0).withState(running(NOW.minusSeconds(50))).build());
        Pod unlabelled = KubeletStatuses.pod("gateway", "debug-shell", NOW.minusSeconds(60));
        unlabelled.getMetadata().getLabels().remove(KubernetesPlatform.NAME_LABEL);
        client.pods().inNamespace(NAMESPACE).resource(unlabelled).create();
        client.pods().inNamespace("elsewhere").resource(pod("gateway", "gateway-other-eeeee", NOW.minusSeconds(60))).create();

        StackState stack = platform.services();

        assertEquals(NAMESPACE, stack.project());
        assertEquals(List.of("gateway-7d4b9-ddddd"), stack.services().stream().map(ServiceState::container).toList());
    }

    @Test
    void aRestartedServicesLogHasThePreviousRunsLinesAndTheCurrentOnes() {
        kubelet(pod("event-processor", "event-processor-66b8d-logs1", NOW.minusSeconds(600)), "Running",
                container("event-processor", true, 1).withState(running(NOW.minusSeconds(100)))
                        .withLastState(terminated("Error", 1, NOW.minusSeconds(300), NOW.minusSeconds(101))).build());
        Instant since = NOW.minusSeconds(300);
        String base = "/api/v1/namespaces/" + NAMESPACE + "/pods/event-processor-66b8d-logs1/log?pretty=false&container=event-processor";
        String bounds = "&sinceTime=" + since + "&tailLines=50";
        server.expect().get().withPath(base + "&previous=true" + bounds)
                .andReturn(200, "store call failed: connection refused\nCircuitBreaker 'cosmos' changed state from CLOSED to OPEN\n").once();
        server.expect().get().withPath(base + bounds + "&limitBytes=" + KubernetesPlatform.MAX_LOG_BYTES)
                .andReturn(200, "started\nqueue connected\n").once();

        ServiceLog log = platform.recentLog("event-processor", since, 50);

        assertEquals(List.of("store call failed: connection refused", "CircuitBreaker 'cosmos' changed state from CLOSED to OPEN"), log.previousRun());
        assertEquals(List.of("started", "queue connected"), log.currentRun());
        assertEquals("pod event-processor-66b8d-logs1 container event-processor", log.source());
    }

    @Test
    void aContainerWaitingToStartAgainHasOnlyItsPreviousRunsLog() {
        kubelet(pod("ingestion-api", "ingestion-api-5f6c7-logs2", NOW.minusSeconds(600)), "Running",
                container("ingestion-api", false, 6).withState(waiting("CrashLoopBackOff"))
                        .withLastState(terminated("Error", 1, NOW.minusSeconds(30), NOW.minusSeconds(29))).build());
        Instant since = NOW.minusSeconds(120);
        // only the previous run's log is served: asking for the waiting container's own would fail the read
        server.expect().get().withPath("/api/v1/namespaces/" + NAMESPACE + "/pods/ingestion-api-5f6c7-logs2/log?pretty=false"
                        + "&container=ingestion-api&previous=true&sinceTime=" + since + "&tailLines=1")
                .andReturn(200, "Exception in thread \"main\" java.lang.IllegalStateException: QUEUE_BACKEND=kafka is not a queue\n").once();

        ServiceLog log = platform.recentLog("ingestion-api", since, 1);

        assertEquals(List.of("Exception in thread \"main\" java.lang.IllegalStateException: QUEUE_BACKEND=kafka is not a queue"), log.previousRun());
        assertTrue(log.currentRun().isEmpty());
    }

    @Test
    void aKubeconfigContextPicksItsClusterAndWithoutOneTheCurrentContextIsTaken(@TempDir Path dir) throws IOException {
        kubelet(pod("gateway", "gateway-7d4b9-kcfg1", NOW.minusSeconds(600)), "Running",
                container("gateway", true, 0).withState(running(NOW.minusSeconds(590))).build());
        try (TestKubeconfig kubeconfig = TestKubeconfig.use(dir.resolve("config"), TestKubeconfig.yaml("elsewhere-context",
                new TestKubeconfig.Context("mock-context", client.getConfiguration().getMasterUrl()),
                new TestKubeconfig.Context("elsewhere-context", "https://127.0.0.1:9")));
             KubernetesPlatform chosen = KubernetesPlatform.connect(Optional.of("mock-context"), NAMESPACE, Duration.ofSeconds(5), Clock.fixed(NOW, ZoneOffset.UTC));
             KubernetesPlatform current = KubernetesPlatform.connect(Optional.empty(), NAMESPACE, Duration.ofSeconds(5), Clock.fixed(NOW, ZoneOffset.UTC))) {

            assertEquals("kubernetes context mock-context, namespace cloudscale", chosen.describe());
            assertTrue(chosen.services().up("gateway"), "read from the mock API server, the context's cluster");
            assertEquals("kubernetes context elsewhere-context, namespace cloudscale", current.describe());
        }
    }

    @Test
    void aContextTheKubeconfigDoesNotHaveIsAUsageErrorNotItsCurrentContext(@TempDir Path dir) throws IOException {
        try (TestKubeconfig kubeconfig = TestKubeconfig.use(dir.resolve("config"), "aks-prod", client.getConfiguration().getMasterUrl())) {
            CloudscaleException.Usage error = assertThrows(CloudscaleException.Usage.class, () ->
                    KubernetesPlatform.connect(Optional.of("aks-prdo"), NAMESPACE, Duration.ofSeconds(5), Clock.fixed(NOW, ZoneOffset.UTC)));

            assertEquals("no context aks-prdo in the kubeconfig (it has aks-prod)", error.getMessage());
        }
    }

    @Test
    void aServiceWithoutPodsHasNoLogToRead() {
        ServiceLog log = platform.recentLog("dashboard", NOW.minusSeconds(60), 10);

        assertTrue(log.previousRun().isEmpty());
        assertTrue(log.currentRun().isEmpty());
        assertNull(log.source());
    }
}
