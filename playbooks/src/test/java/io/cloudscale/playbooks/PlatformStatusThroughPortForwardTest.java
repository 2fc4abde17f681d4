package io.cloudscale.playbooks;

import static io.cloudscale.probes.kubernetes.KubeletStatuses.container;
import static io.cloudscale.probes.kubernetes.KubeletStatuses.pod;
import static io.cloudscale.probes.kubernetes.KubeletStatuses.running;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudscale.probes.kubernetes.ForwardingMockApiServer;
import io.cloudscale.probes.kubernetes.KubeletStatuses;
import io.cloudscale.probes.kubernetes.KubernetesPlatform;
import io.cloudscale.probes.kubernetes.PodEndpoint;
import io.cloudscale.stack.endpoints.StackEndpoints;
import io.cloudscale.stack.lifecycle.StackStatus;
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
 * `status` on the kubernetes target reads the pipeline's figures through port-forwards to the gateway's and the
 * dashboard's pods: fabric8's mock API server in CRUD mode holds the pods, the test plays the kubelet's end of each
 * forward towards real local HTTP servers standing in for nginx's stub_status and the dashboard's summary.
 */
class PlatformStatusThroughPortForwardTest {

    private static final String NAMESPACE = "cloudscale";

    @TempDir
    Path stackDir;

    private ForwardingMockApiServer server;
    private KubernetesPlatform platform;
    private PodEndpoint pods;
    private final AtomicLong requests = new AtomicLong(1000);

    @BeforeEach
    void cluster() {
        server = new ForwardingMockApiServer();
        platform = KubernetesPlatform.using(server.client().getConfiguration(), NAMESPACE, Duration.ofSeconds(5), Clock.systemUTC(), "mock API server");
        pods = new PodEndpoint()
                .answer("/nginx_status", () -> "Active connections: 3 \nserver accepts handled requests\n 9 9 " + requests.addAndGet(51)
                        + " \nReading: 0 Writing: 1 Waiting: 2 \n")
                .answer("/summary", () -> "{\"storedEvents\": 4200, \"storedPerMinute\": 3000.0, \"queueDepth\": 7, \"deadLettered\": 0, "
                        + "\"circuit\": \"CLOSED\", \"errors\": {}}");
    }

    @AfterEach
    void close() {
        platform.close();
        server.close();
        pods.close();
    }

    private void runningPod(String service) {
        String name = service + "-5d8f9-ready";
        KubeletStatuses.report(server.client(), NAMESPACE, pod(service, name, Instant.now().minusSeconds(600)), "Running",
                container(service, true, 0).withState(running(Instant.now().minusSeconds(590))).build());
        server.kubelet().listen(name, 8080, pods.address());
    }

    @Test
    void thePipelinesFiguresAreReadThroughPortForwardsToTheGatewayAndTheDashboard() throws InterruptedException {
        runningPod("gateway");
        runningPod("dashboard");

        StackStatus status = PlatformStatus.ofCluster(platform, StackEndpoints.load(stackDir, Map.of()), Clock.systemUTC());

        StackStatus.Pipeline pipeline = status.pipeline();
        assertEquals(Map.of(), pipeline.unreachable(), pipeline.toString());
        assertEquals(4200L, pipeline.storedEvents());
        assertEquals(7L, pipeline.queueDepth());
        assertEquals("CLOSED", pipeline.circuit());
        assertTrue(pipeline.ingestPerSecond() > 30 && pipeline.ingestPerSecond() < 60, "two counter readings a second apart: " + pipeline);
    }

    @Test
    void aServiceWithNoPodToForwardToIsNamedUnreachableWithWhyNeverReadAsZero() throws InterruptedException {
        runningPod("gateway");

        StackStatus status = PlatformStatus.ofCluster(platform, StackEndpoints.load(stackDir, Map.of()), Clock.systemUTC());

        assertEquals("no running pod of dashboard in mock API server to port-forward to", status.pipeline().unreachable().get("dashboard"));
        assertNull(status.pipeline().storedEvents(), "a figure not read is null, never 0");
    }
}
