package io.cloudscale.playbooks.rca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudscale.core.Status;
import io.cloudscale.core.diagnosis.Observation;
import io.cloudscale.core.diagnosis.Settled;
import io.cloudscale.playbooks.TargetPlatform;
import io.cloudscale.probes.kubernetes.KubernetesPlatform;
import io.cloudscale.probes.kubernetes.PodStateProbe;
import io.cloudscale.probes.signals.CosmosReachabilityProbe;
import io.cloudscale.probes.signals.DashboardProbe;
import io.cloudscale.probes.signals.GatewayThroughputProbe;
import io.cloudscale.probes.signals.QueueDepthProbe;
import io.cloudscale.probes.signals.UnreadableOnTarget;
import io.cloudscale.stack.endpoints.StackEndpoints;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every probe of the registry, wired to the kubernetes target: the cluster's own where it has one, what is inside the
 * cluster through a port-forward, and where there is nothing to forward to (here: no API server answers), an UNKNOWN
 * that says why; a store or Service Bus outside the cluster is asked where it is. Nothing here talks to an API server;
 * PlatformProbesThroughPortForwardTest reads through one.
 */
class PlatformProbesOnKubernetesTest {

    @TempDir
    Path stackDir;

    private TargetPlatform.Kubernetes target;

    @BeforeEach
    void cluster() {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl("http://127.0.0.1:9").build();
        target = new TargetPlatform.Kubernetes(KubernetesPlatform.using(config, "cloudscale", Duration.ofSeconds(1), Clock.systemUTC(), "no API server"));
    }

    @AfterEach
    void close() {
        target.close();
    }

    private PlatformProbes probes(Map<String, String> environment) throws Exception {
        return new PlatformProbes(target, StackEndpoints.load(stackDir, environment), Duration.ofSeconds(1), Clock.systemUTC());
    }

    private static String unknownReason(PlatformProbes probes, String name) throws Exception {
        Observation<?> seen = probes.all().get(name).observe(Settled.NEVER);
        assertEquals(Status.UNKNOWN, seen.status(), name + ": never a made-up answer");
        return seen.reason();
    }

    @Test
    void theContainerStateIsThePodsAndWhatIsInsideTheClusterSaysWhyItCouldNotBeForwarded() throws Exception {
        try (PlatformProbes probes = probes(Map.of())) {
            assertEquals(PlatformProbes.names(), probes.all().keySet(), "every probe of the registry is there");
            assertTrue(probes.all().get("container-state") instanceof PodStateProbe);
            assertTrue(unknownReason(probes, GatewayThroughputProbe.KEY.name()).startsWith(
                    "the Kubernetes API server at http://127.0.0.1:9/: listing the pods of gateway failed"));
            assertTrue(unknownReason(probes, DashboardProbe.KEY.name()).startsWith(
                    "the Kubernetes API server at http://127.0.0.1:9/: listing the pods of dashboard failed"));
            assertTrue(unknownReason(probes, QueueDepthProbe.KEY.name()).startsWith(
                    "the Kubernetes API server at http://127.0.0.1:9/: listing the pods of rabbitmq failed"));
            String store = unknownReason(probes, CosmosReachabilityProbe.KEY.name());
            assertTrue(store.startsWith("the Kubernetes API server at http://127.0.0.1:9/: listing the pods of cosmos failed"), store);
            assertTrue(store.contains("set it to the https:// endpoint the cluster's services use"), store);
        }
    }

    @Test
    void aStoreNamedOnlyInsideTheClusterIsReachedThroughItsPod() throws Exception {
        try (PlatformProbes probes = probes(Map.of("COSMOS_ENDPOINT", "https://cosmos:8081/"))) {
            String store = unknownReason(probes, CosmosReachabilityProbe.KEY.name());
            assertTrue(store.startsWith("the Kubernetes API server at http://127.0.0.1:9/: listing the pods of cosmos failed"), store);
            assertFalse(store.contains("COSMOS_ENDPOINT"), "the endpoint is set: it names the cluster's own store: " + store);
        }
    }

    @Test
    void aStoreOutsideTheClusterIsAskedAtItsEndpoint() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        try (PlatformProbes probes = probes(Map.of("COSMOS_ENDPOINT", "https://127.0.0.1:" + closed + "/"))) {
            Observation<?> seen = probes.all().get(CosmosReachabilityProbe.KEY.name()).observe(Settled.NEVER);

            assertEquals(Status.FAIL, seen.status(), "asked, and nothing listens there: " + seen.evidence());
            assertTrue(seen.evidence().getFirst().text().startsWith("port closed"), seen.evidence().toString());
        }
    }

    @Test
    void aCloudServiceBusIsReadOverHttpsAsOnCompose() throws Exception {
        try (PlatformProbes probes = probes(Map.of("SERVICEBUS_CONNECTION_STRING",
                "Endpoint=sb://cloudscale-prod.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=c2VjcmV0LWtleS1mb3ItdGVzdHM="))) {
            assertTrue(probes.all().get(QueueDepthProbe.KEY.name()) instanceof io.cloudscale.probes.signals.QueueDepthProbe);
            assertFalse(probes.all().get(QueueDepthProbe.KEY.name()) instanceof UnreadableOnTarget<?>);
        }
    }
}
