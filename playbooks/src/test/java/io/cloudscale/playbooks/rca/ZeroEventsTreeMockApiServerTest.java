package io.cloudscale.playbooks.rca;

import io.cloudscale.probes.kubernetes.KubeletStatuses;
import static io.cloudscale.playbooks.rca.ZeroEventsTreeTest.badGateway;
import static io.cloudscale.playbooks.rca.ZeroEventsTreeTest.logs;
import static io.cloudscale.playbooks.rca.ZeroEventsTreeTest.probes;
import static io.cloudscale.playbooks.rca.ZeroEventsTreeTest.queue;
import static io.cloudscale.playbooks.rca.ZeroEventsTreeTest.shedding;
import static io.cloudscale.playbooks.rca.ZeroEventsTreeTest.traffic;
import static io.cloudscale.probes.kubernetes.KubeletStatuses.container;
import static io.cloudscale.probes.kubernetes.KubeletStatuses.pod;
import static io.cloudscale.probes.kubernetes.KubeletStatuses.running;
import static io.cloudscale.probes.kubernetes.KubeletStatuses.terminated;
import static io.cloudscale.probes.kubernetes.KubeletStatuses.waiting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudscale.core.config.Target;
import io.cloudscale.core.diagnosis.DecisionTree;
import io.cloudscale.core.diagnosis.Diagnosis;
import io.cloudscale.core.diagnosis.DiagnosisEngine;
import io.cloudscale.core.diagnosis.Probe;
import io.cloudscale.probes.kubernetes.KubernetesPlatform;
import io.cloudscale.probes.kubernetes.PodStateProbe;
import io.cloudscale.probes.logs.LogScanReport;
import io.cloudscale.probes.signals.ContainerStateProbe;
import io.cloudscale.probes.signals.QueueDepth;
import io.cloudscale.probes.signals.StackState;
import io.cloudscale.probes.signals.Throughput;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.cloudscale.stack.endpoints.StackEndpoints;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The zero-events tree on the kubernetes target, against fabric8's mock API server in CRUD mode: the stack's pods are
 * written as a kubelet writes their status (CrashLoopBackOff with its restarts, readiness false, OOMKilled,
 * ImagePullBackOff, a pod gone), the container-state probe is the cluster's own ({@link PodStateProbe}), and the
 * other probes answer as in {@link ZeroEventsTreeTest}'s cases for the same fault. The verdict must be the one the
 * compose target gives for that fault: the same tree, fed by pods.
 */
@EnableKubernetesMockClient(crud = true)
class ZeroEventsTreeMockApiServerTest {

    private static final String NAMESPACE = "cloudscale";
    private static final Instant NOW = Instant.now();
    /** The tree as the kubernetes target builds it: the compose tree's questions, its fixes in kubectl's words. */
    private static final DecisionTree TREE = ZeroEventsTree.build(new Target.Kubernetes(Optional.empty(), NAMESPACE),
            StackEndpoints.load(Path.of("/nonexistent"), Map.of()));
    private static final List<String> SERVICES = List.of("gateway", "ingestion-api", "event-processor", "cosmos", "rabbitmq", "dashboard");

    KubernetesMockServer server;
    KubernetesClient client;

    private KubernetesPlatform platform;

    @BeforeEach
    void connect() {
        platform = KubernetesPlatform.using(client.getConfiguration(), NAMESPACE, Duration.ofSeconds(5), Clock.fixed(NOW, ZoneOffset.UTC),
                "mock API server");
    }

    @AfterEach
    void close() {
        platform.close();
    }

    private void kubelet(Pod pod, String phase, ContainerStatus status) {
        KubeletStatuses.report(client, NAMESPACE, pod, phase, status);
    }

    /** Every service's pod running and ready for an hour, but {@code except}'s, which the test writes itself (or leaves out). */
    private void healthyBut(String... except) {
        List<String> left = List.of(except);
        SERVICES.stream().filter(service -> !left.contains(service)).forEach(service ->
                KubeletStatuses.reportHealthy(client, NAMESPACE, service, NOW));
    }

    private void crashLooping(String service, String reason, int exitCode, int restarts) {
        kubelet(pod(service, service + "-7c9d8-crash", NOW.minusSeconds(900)), "Running",
                container(service, false, restarts).withState(waiting("CrashLoopBackOff"))
                        .withLastState(terminated(reason, exitCode, NOW.minusSeconds(40), NOW.minusSeconds(20))).build());
    }

    /** The tree's verdict with the pods as they are and the other probes answering as recorded. */
    private Diagnosis diagnose(Throughput throughput, QueueDepth depth, LogScanReport processor, LogScanReport api) {
        Map<String, Probe<?>> probes = new HashMap<>(probes(throughput, new StackState(NAMESPACE, List.of()), depth, processor, api));
        probes.put(ContainerStateProbe.KEY.name(), new PodStateProbe(platform, Clock.fixed(NOW, ZoneOffset.UTC)));
        return new DiagnosisEngine(probes, Clock.systemUTC()).diagnose(TREE, Map.of());
    }

    private static void assertVerdict(String expected, Diagnosis diagnosis) {
        assertEquals(expected, diagnosis.verdict().cause(), diagnosis.path().toString());
        assertTrue(diagnosis.verdict().complete(), diagnosis.path().toString());
    }

    @Test
    void everyPodReadyAndEventsFlowingIsHealthy() {
        healthyBut();

        assertVerdict("healthy", diagnose(traffic(true, 50), queue(0, 0), logs(), logs()));
    }

    @Test
    void aGatewayInCrashLoopBackOffIsGatewayDown() {
        healthyBut("gateway");
        crashLooping("gateway", "Error", 1, 6);

        Diagnosis diagnosis = diagnose(traffic(false, 0), queue(0, 0), logs(), logs());

        assertVerdict("gateway-down", diagnosis);
        assertTrue(diagnosis.verdict().fix().contains("see why it does not run: kubectl -n cloudscale describe pod -l app.kubernetes.io/name=gateway; "
                + "then kubectl -n cloudscale rollout restart deployment/gateway"), diagnosis.verdict().fix().toString());
    }

    @Test
    void noFixOnTheClusterTellsTheOperatorToRunDocker() {
        TREE.causes().values().forEach(cause -> cause.fix().forEach(line ->
                assertFalse(line.contains("docker") || line.contains("iptables"), cause.id() + ": " + line)));
    }

    @Test
    void aGatewayWhosePodIsGoneIsGatewayDown() {
        healthyBut("gateway");

        assertVerdict("gateway-down", diagnose(traffic(false, 0), queue(0, 0), logs(), logs()));
    }

    @Test
    void aProcessorKilledForMemoryWaitingToRestartIsProcessorDown() {
        healthyBut("event-processor");
        crashLooping("event-processor", "OOMKilled", 137, 3);

        Diagnosis diagnosis = diagnose(traffic(true, 50), queue(50, 0), logs(), logs());

        assertVerdict("processor-down", diagnosis);
        assertTrue(diagnosis.path().toString().contains("last run ended OOMKilled (exit code 137)"), "the evidence says how it ended: " + diagnosis.path());
    }

    @Test
    void aStoreWhoseImageCannotBePulledIsCosmosDown() {
        healthyBut("cosmos");
        kubelet(pod("cosmos", "cosmos-6b7c8-pull0", NOW.minusSeconds(300)), "Pending",
                container("cosmos", false, 0).withState(waiting("ImagePullBackOff")).build());

        assertVerdict("cosmos-down", diagnose(traffic(true, 50), queue(50, 0), logs("connection-refused"), logs()));
    }

    @Test
    void anApiInCrashLoopBackOffIsApiCrashing() {
        healthyBut("ingestion-api");
        crashLooping("ingestion-api", "Error", 1, 5);

        assertVerdict("api-crashing", diagnose(badGateway(50), queue(0, 0), logs(), logs()));
    }

    @Test
    void anApiRunningButNotReadyLongAfterItStartedIsApiCrashing() {
        healthyBut("ingestion-api");
        kubelet(pod("ingestion-api", "ingestion-api-5f6c7-unrdy", NOW.minusSeconds(900)), "Running",
                container("ingestion-api", false, 0).withState(running(NOW.minusSeconds(600))).build());

        assertVerdict("api-crashing", diagnose(traffic(true, 50), queue(0, 0), logs(), logs()));
    }

    @Test
    void anApiJustStartedAndNotReadyYetIsNoCause() {
        healthyBut("ingestion-api");
        kubelet(pod("ingestion-api", "ingestion-api-5f6c7-start", NOW.minusSeconds(20)), "Running",
                container("ingestion-api", false, 0).withState(running(NOW.minusSeconds(10))).build());

        assertVerdict("healthy", diagnose(traffic(true, 50), queue(0, 0), logs(), logs()));
    }

    @Test
    void aBrokerInCrashLoopBackOffIsBrokerDown() {
        healthyBut("rabbitmq");
        crashLooping("rabbitmq", "Error", 2, 4);

        assertVerdict("broker-down", diagnose(shedding(50, 50), queue(0, 0), logs(), logs("api-send-failed")));
    }

    @Test
    void aBrokerScaledToZeroIsBrokerDownNotAStackWithoutABroker() {
        healthyBut("rabbitmq");
        client.apps().deployments().inNamespace(NAMESPACE).resource(new DeploymentBuilder()
                .withNewMetadata().withName("rabbitmq").addToLabels(KubernetesPlatform.NAME_LABEL, "rabbitmq").endMetadata()
                .withNewSpec().withReplicas(0).endSpec().build()).create();

        Diagnosis diagnosis = diagnose(shedding(50, 50), null, logs(), logs("api-send-failed"));

        assertVerdict("broker-down", diagnosis);
        assertTrue(diagnosis.path().toString().contains("rabbitmq: Deployment scaled to 0 replicas, no pod"), diagnosis.path().toString());
    }

    @Test
    void aProcessorThatRestartedLongAgoAndRunsReadySinceIsNotTheCause() {
        healthyBut("event-processor");
        kubelet(pod("event-processor", "event-processor-66b8d-old00", NOW.minusSeconds(3600)), "Running",
                container("event-processor", true, 2).withState(running(NOW.minusSeconds(1800)))
                        .withLastState(terminated("Error", 1, NOW.minusSeconds(1900), NOW.minusSeconds(1801))).build());

        assertVerdict("healthy", diagnose(traffic(true, 50), queue(0, 0), logs(), logs()));
    }
}
