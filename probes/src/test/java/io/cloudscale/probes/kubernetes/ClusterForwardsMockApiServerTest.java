package io.cloudscale.probes.kubernetes;

import static io.cloudscale.probes.kubernetes.KubeletStatuses.container;
import static io.cloudscale.probes.kubernetes.KubeletStatuses.pod;
import static io.cloudscale.probes.kubernetes.KubeletStatuses.running;
import static io.cloudscale.probes.kubernetes.KubeletStatuses.waiting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudscale.core.CloudscaleException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Port-forwards through fabric8's mock API server (CRUD mode) with the kubelet's end of the stream played by the test
 * ({@link KubeletPortForward}) towards a real local HTTP server standing in for the gateway's nginx: what is read here
 * went through the client's port-forward, its websocket and the kubelet's protocol, as against a cluster. A real
 * kubelet's network path to the pod is the cluster's.
 */
class ClusterForwardsMockApiServerTest {

    private static final String NAMESPACE = "cloudscale";
    private static final String STUB_STATUS = "Active connections: 1 \nserver accepts handled requests\n 7 7 42 \nReading: 0 Writing: 1 Waiting: 0 \n";

    private ForwardingMockApiServer server;
    private KubernetesPlatform platform;
    private PodEndpoint nginx;

    @BeforeEach
    void cluster() {
        server = new ForwardingMockApiServer();
        platform = KubernetesPlatform.using(server.client().getConfiguration(), NAMESPACE, Duration.ofSeconds(5), Clock.systemUTC(), "mock API server");
        nginx = new PodEndpoint().answer("/nginx_status", () -> STUB_STATUS);
    }

    @AfterEach
    void close() {
        platform.close();
        server.close();
        nginx.close();
    }

    private void gatewayPod(String name, boolean ready) {
        KubeletStatuses.report(server.client(), NAMESPACE, pod("gateway", name, Instant.now().minusSeconds(600)), "Running",
                container("gateway", ready, 0).withState(running(Instant.now().minusSeconds(590))).build());
    }

    private static String get(InetSocketAddress address, String path) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + address.getPort() + path)).timeout(Duration.ofSeconds(5)).build();
            return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    @Test
    void aServicesPortIsReadHereThroughThePortForwardOfItsReadyPod() throws Exception {
        gatewayPod("gateway-5d8f9-unrdy", false);
        gatewayPod("gateway-5d8f9-ready", true);
        server.kubelet().listen("gateway-5d8f9-ready", 8080, nginx.address());

        InetSocketAddress here = platform.forwards().to("gateway", "http");

        assertTrue(here.getAddress().isLoopbackAddress(), here.toString());
        assertEquals(STUB_STATUS, get(here, "/nginx_status"));
        assertEquals(STUB_STATUS, get(here, "/nginx_status"), "a second connection through the same forward");
        assertEquals("gateway-5d8f9-ready:8080", server.kubelet().forwarded().getFirst(), "the ready pod, by its container port's name");
        assertEquals(here, platform.forwards().to("gateway", "http"), "one forward per service and port");
    }

    @Test
    void noRunningPodOfTheServiceIsUnreachableSayingSo() {
        KubeletStatuses.report(server.client(), NAMESPACE, pod("gateway", "gateway-5d8f9-pull0", Instant.now()), "Pending",
                container("gateway", false, 0).withState(waiting("ImagePullBackOff")).build());

        CloudscaleException.Unreachable error = assertThrows(CloudscaleException.Unreachable.class, () -> platform.forwards().to("gateway", "http"));

        assertEquals("no running pod of gateway in mock API server to port-forward to", error.getMessage());
    }

    @Test
    void theCurrentForwardFollowsTheServiceToThePodThatReplacedTheOneItWentTo() throws Exception {
        gatewayPod("gateway-5d8f9-first", true);
        server.kubelet().listen("gateway-5d8f9-first", 8080, nginx.address());
        InetSocketAddress first = platform.forwards().current("gateway", "http");
        assertEquals(first, platform.forwards().current("gateway", "http"), "kept while its pod runs");

        server.client().pods().inNamespace(NAMESPACE).withName("gateway-5d8f9-first").delete();
        assertThrows(CloudscaleException.Unreachable.class, () -> platform.forwards().current("gateway", "http"), "no pod: nothing to forward to");
        gatewayPod("gateway-7c4e1-second", true);
        server.kubelet().listen("gateway-7c4e1-second", 8080, nginx.address());
        InetSocketAddress second = platform.forwards().current("gateway", "http");

        assertEquals(STUB_STATUS, get(second, "/nginx_status"));
        assertEquals("gateway-7c4e1-second:8080", server.kubelet().forwarded().getLast(), "to the new pod, by its new name");
    }

    @Test
    void noRunningPodIsNoForwardWhereTheApiServerAnswered() {
        assertEquals(java.util.Optional.empty(), platform.forwards().toRunning("gateway", "http"));
    }

    @Test
    void aPodWithoutThePortNamedIsUnreachableSayingSo() {
        KubeletStatuses.report(server.client(), NAMESPACE, pod("gateway", "gateway-5d8f9-ready", Instant.now()), "Running",
                container("gateway", true, 0).withState(running(Instant.now())).build());

        CloudscaleException.Unreachable error = assertThrows(CloudscaleException.Unreachable.class, () -> platform.forwards().to("gateway", "amqp"));

        assertEquals("pod gateway-5d8f9-ready has no port named amqp to port-forward to", error.getMessage());
    }

    @Test
    void aPodPortWhereNothingListensEndsTheReadInsteadOfHangingItAndIsTheServicesFailureNotTheForwards() throws Exception {
        gatewayPod("gateway-5d8f9-ready", true);
        InetSocketAddress here = platform.forwards().to("gateway", "http");
        Instant start = Instant.now();

        assertThrows(IOException.class, () -> get(here, "/nginx_status"));

        assertTrue(Duration.between(start, Instant.now()).compareTo(Duration.ofSeconds(5)) < 0, "ended at once, not at the read's timeout");
        // the client records a stream's failure before it closes the connection here, so the read's end comes after it
        assertEquals(java.util.Optional.empty(), platform.forwards().broken("gateway", "http"), "the stream opened: the pod's port refused");
    }

    @Test
    void aForwardTheApiServerRefusesIsTheForwardBrokenNotTheService() throws Exception {
        gatewayPod("gateway-5d8f9-ready", true);
        server.kubelet().listen("gateway-5d8f9-ready", 8080, nginx.address());
        server.kubelet().refuse("gateway-5d8f9-ready", 403);
        InetSocketAddress here = platform.forwards().to("gateway", "http");

        assertThrows(IOException.class, () -> get(here, "/nginx_status"));

        String broken = io.cloudscale.core.Poll.until(() -> platform.forwards().broken("gateway", "http"), java.util.Optional::isPresent,
                Duration.ofMillis(20), Duration.ofSeconds(5)).last().orElseThrow();
        assertTrue(broken.startsWith("the port-forward to gateway (port http) through the API server failed: "), broken);
        assertTrue(broken.contains("403"), broken);
    }
}
