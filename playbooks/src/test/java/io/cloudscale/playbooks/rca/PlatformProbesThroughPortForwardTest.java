package io.cloudscale.playbooks.rca;

import static io.cloudscale.probes.kubernetes.KubeletStatuses.container;
import static io.cloudscale.probes.kubernetes.KubeletStatuses.pod;
import static io.cloudscale.probes.kubernetes.KubeletStatuses.running;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudscale.core.Status;
import io.cloudscale.core.diagnosis.Observation;
import io.cloudscale.core.diagnosis.Settled;
import io.cloudscale.playbooks.TargetPlatform;
import io.cloudscale.probes.kubernetes.ForwardingMockApiServer;
import io.cloudscale.probes.kubernetes.KubeletStatuses;
import io.cloudscale.probes.kubernetes.KubernetesPlatform;
import io.cloudscale.probes.kubernetes.PodEndpoint;
import io.cloudscale.probes.signals.DashboardProbe;
import io.cloudscale.probes.signals.GatewayThroughputProbe;
import io.cloudscale.stack.endpoints.StackEndpoints;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probes of what is inside the cluster (the gateway's stub_status, the dashboard's summary), wired to the
 * kubernetes target and read through a port-forward: fabric8's mock API server in CRUD mode holds the pods, the test
 * plays the kubelet's end of each forward (KubeletPortForward) towards real local HTTP servers standing in for nginx
 * and the dashboard. A real kubelet's path to the pod is the cluster's.
 */
class PlatformProbesThroughPortForwardTest {

    private static final String NAMESPACE = "cloudscale";

    @TempDir
    Path stackDir;

    private ForwardingMockApiServer server;
    private TargetPlatform.Kubernetes target;
    private PodEndpoint pods;
    private final AtomicLong requests = new AtomicLong(100);
    private final AtomicLong stored = new AtomicLong(5000);

    @BeforeEach
    void cluster() {
        server = new ForwardingMockApiServer();
        target = new TargetPlatform.Kubernetes(KubernetesPlatform.using(server.client().getConfiguration(), NAMESPACE, Duration.ofSeconds(5),
                Clock.systemUTC(), "mock API server"));
        pods = new PodEndpoint()
                .answer("/nginx_status", () -> "Active connections: 3 \nserver accepts handled requests\n 9 9 " + requests.addAndGet(40)
                        + " \nReading: 0 Writing: 1 Waiting: 2 \n")
                .answer("/summary", () -> "{\"storedEvents\": " + stored.addAndGet(25) + ", \"storedPerMinute\": 750.0, \"queueDepth\": 0, \"errors\": {}}");
        for (String service : new String[] {"gateway", "dashboard"}) {
            String name = service + "-5d8f9-ready";
            KubeletStatuses.report(server.client(), NAMESPACE, pod(service, name, Instant.now().minusSeconds(600)), "Running",
                    container(service, true, 0).withState(running(Instant.now().minusSeconds(590))).build());
            server.kubelet().listen(name, 8080, pods.address());
        }
    }

    @AfterEach
    void close() {
        target.close();
        server.close();
        pods.close();
    }

    @Test
    void theGatewayAndTheDashboardAreReadThroughPortForwardsToTheirPods() throws Exception {
        try (PlatformProbes probes = new PlatformProbes(target, StackEndpoints.load(stackDir, Map.of()), Duration.ofSeconds(2), Clock.systemUTC())) {
            Observation<?> gateway = probes.all().get(GatewayThroughputProbe.KEY.name()).observe(Settled.NEVER);
            Observation<?> dashboard = probes.all().get(DashboardProbe.KEY.name()).observe(Settled.NEVER);

            assertNotEquals(Status.UNKNOWN, gateway.status(), gateway.reason() + " " + gateway.evidence());
            assertTrue(gateway.evidence().stream().anyMatch(evidence -> evidence.source().matches("http://127\\.0\\.0\\.1:\\d+/nginx_status")),
                    "read at the forward's port here: " + gateway.evidence());
            assertEquals(Status.OK, dashboard.status(), dashboard.reason() + " " + dashboard.evidence());
            assertTrue(dashboard.evidence().getFirst().source().matches("http://127\\.0\\.0\\.1:\\d+/summary"), dashboard.evidence().toString());
            assertTrue(server.kubelet().forwarded().containsAll(java.util.List.of("gateway-5d8f9-ready:8080", "dashboard-5d8f9-ready:8080")),
                    server.kubelet().forwarded().toString());
        }
    }

    @Test
    void aDashboardWithNoPodRunningDoesNotAnswerAsAStoppedContainerDoesNot() throws Exception {
        server.client().pods().inNamespace(NAMESPACE).withName("dashboard-5d8f9-ready").delete();

        try (PlatformProbes probes = new PlatformProbes(target, StackEndpoints.load(stackDir, Map.of()), Duration.ofSeconds(1), Clock.systemUTC())) {
            Observation<?> dashboard = probes.all().get(DashboardProbe.KEY.name()).observe(Settled.NEVER);

            assertEquals(Status.FAIL, dashboard.status(), dashboard.reason() + " " + dashboard.evidence());
            assertEquals("the dashboard does not answer: no running pod of dashboard in mock API server", dashboard.evidence().getFirst().text());
            assertEquals(false, ((io.cloudscale.probes.signals.DashboardView) dashboard.value()).answered());
        }
    }

    @Test
    void aForwardTheApiServerRefusesIsUnknownNeverTheGatewayNotAnswering() throws Exception {
        server.kubelet().refuse("gateway-5d8f9-ready", 403);

        try (PlatformProbes probes = new PlatformProbes(target, StackEndpoints.load(stackDir, Map.of()), Duration.ofSeconds(1), Clock.systemUTC())) {
            Observation<?> gateway = probes.all().get(GatewayThroughputProbe.KEY.name()).observe(Settled.NEVER);

            assertEquals(Status.UNKNOWN, gateway.status(), gateway.evidence().toString());
            assertTrue(gateway.reason().startsWith("the port-forward to gateway (port http) through the API server failed: "), gateway.reason());
        }
    }

    @Test
    void aGatewayPodWhosePortRefusesIsTheGatewayNotAnswering() throws Exception {
        server.kubelet().listen("gateway-5d8f9-ready", 8080, null);

        try (PlatformProbes probes = new PlatformProbes(target, StackEndpoints.load(stackDir, Map.of()), Duration.ofSeconds(1), Clock.systemUTC())) {
            Observation<?> gateway = probes.all().get(GatewayThroughputProbe.KEY.name()).observe(Settled.NEVER);

            assertEquals(Status.FAIL, gateway.status(), gateway.reason() + " " + gateway.evidence());
            assertTrue(gateway.evidence().getFirst().text().startsWith("gateway does not answer at http://127.0.0.1:"), gateway.evidence().toString());
        }
    }
}
