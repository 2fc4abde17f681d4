package io.cloudscale.probes.kubernetes;

import static io.cloudscale.probes.kubernetes.KubeletStatuses.container;
import static io.cloudscale.probes.kubernetes.KubeletStatuses.pod;
import static io.cloudscale.probes.kubernetes.KubeletStatuses.terminated;
import static io.cloudscale.probes.kubernetes.KubeletStatuses.waiting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudscale.core.Status;
import io.cloudscale.core.diagnosis.Evidence;
import io.cloudscale.core.diagnosis.Observation;
import io.cloudscale.core.diagnosis.Settled;
import io.cloudscale.probes.signals.ContainerStateProbe;
import io.cloudscale.probes.signals.StackState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PodStateProbe} against fabric8's mock API server in CRUD mode, pods written as a kubelet writes them: what
 * the zero-events tree asks of the container-state probe (the API up? the processor alive?) comes out of the pods
 * as it comes out of compose's containers.
 */
@EnableKubernetesMockClient(crud = true)
class PodStateProbeMockApiServerTest {

    private static final String NAMESPACE = "cloudscale";
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    KubernetesMockServer server;
    KubernetesClient client;

    private KubernetesPlatform platform;
    private PodStateProbe probe;

    @BeforeEach
    void connect() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        platform = KubernetesPlatform.using(client.getConfiguration(), NAMESPACE, Duration.ofSeconds(5), clock, "mock API server");
        probe = new PodStateProbe(platform, clock);
    }

    @AfterEach
    void close() {
        platform.close();
    }

    private void kubelet(Pod pod, String phase, ContainerStatus status) {
        KubeletStatuses.report(client, NAMESPACE, pod, phase, status);
    }

    private void healthy(String service) {
        KubeletStatuses.reportHealthy(client, NAMESPACE, service, NOW);
    }

    @Test
    void itIsTheContainerStateProbeToTheTree() {
        assertEquals(ContainerStateProbe.KEY, probe.spec().key(), "the tree's questions name the probe by this key");
    }

    @Test
    void aStackWhosePodsAreAllReadyIsOk() {
        List.of("gateway", "ingestion-api", "event-processor", "dashboard", "rabbitmq", "cosmos").forEach(this::healthy);

        Observation<StackState> observation = probe.observe(Settled.NEVER);

        assertEquals(Status.OK, observation.status());
        assertEquals(6, observation.value().services().size());
        assertTrue(observation.value().up("ingestion-api"));
        assertTrue(observation.value().alive("event-processor"));
    }

    @Test
    void aCrashLoopingApiIsNotUpWhichIsTheTreesApiCrashingInput() {
        List.of("gateway", "event-processor", "dashboard").forEach(this::healthy);
        kubelet(pod("ingestion-api", "ingestion-api-5f6c7-crash", NOW.minusSeconds(600)), "Running",
                container("ingestion-api", false, 5).withState(waiting("CrashLoopBackOff"))
                        .withLastState(terminated("Error", 1, NOW.minusSeconds(50), NOW.minusSeconds(49))).build());

        Observation<StackState> observation = probe.observe(Settled.NEVER);

        assertEquals(Status.FAIL, observation.status());
        assertFalse(observation.value().up("ingestion-api"), "api-running? no: api-crashing");
        assertTrue(observation.value().up("gateway"));
        assertTrue(observation.evidence().stream().map(Evidence::text).anyMatch(text -> text.equals(
                        "ingestion-api: pod Running, container waiting (CrashLoopBackOff), not ready, restarts 5, last run ended Error (exit code 1)")),
                observation.evidence().toString());
    }

    @Test
    void aProcessorKilledForMemoryAndWaitingToRestartIsNotAliveWhichIsTheTreesProcessorDownInput() {
        List.of("gateway", "ingestion-api", "dashboard").forEach(this::healthy);
        kubelet(pod("event-processor", "event-processor-66b8d-oom00", NOW.minusSeconds(600)), "Running",
                container("event-processor", false, 3).withState(waiting("CrashLoopBackOff"))
                        .withLastState(terminated("OOMKilled", 137, NOW.minusSeconds(80), NOW.minusSeconds(20))).build());

        Observation<StackState> observation = probe.observe(Settled.NEVER);

        assertFalse(observation.value().alive("event-processor"), "processor-running? no: processor-down");
        assertTrue(observation.value().service("event-processor").orElseThrow().oomKilled());
        assertTrue(observation.evidence().stream().map(Evidence::text).anyMatch(text -> text.endsWith("last run ended OOMKilled (exit code 137)")),
                observation.evidence().toString());
    }

    @Test
    void noPodOfTheStackIsUnknownNotHealthy() {
        Observation<StackState> observation = probe.observe(Settled.NEVER);

        assertEquals(Status.UNKNOWN, observation.status());
        assertTrue(observation.reason().startsWith("no pod of the stack in mock API server"), observation.reason());
    }
}
