package io.cloudscale.probes.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.Status;
import io.cloudscale.core.diagnosis.Observation;
import io.cloudscale.core.diagnosis.Settled;
import io.cloudscale.probes.signals.StackState;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An API server that accepts the connection and never answers: every read ends in an error soon after its deadline. */
class KubernetesPlatformStalledApiServerTest {

    private static final Duration DEADLINE = Duration.ofMillis(800);
    /** The deadline plus what a loaded two-core machine may add to it. */
    private static final Duration AT_MOST = Duration.ofSeconds(4);

    private SilentApiServer server;
    private KubernetesPlatform platform;

    @BeforeEach
    void stalledServer() throws IOException {
        server = new SilentApiServer();
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(server.url()).build();
        platform = KubernetesPlatform.using(config, "cloudscale", DEADLINE, Clock.systemUTC(), "stalled API server");
    }

    @AfterEach
    void close() throws IOException {
        platform.close();
        server.close();
    }

    @Test
    void readingTheServicesEndsInUnreachableAfterTheDeadline() throws InterruptedException {
        Instant start = Instant.now();

        CloudscaleException.Unreachable error = assertThrows(CloudscaleException.Unreachable.class, platform::services);

        Duration took = Duration.between(start, Instant.now());
        assertTrue(took.compareTo(AT_MOST) < 0, "took " + took + ": " + error.getMessage());
        assertTrue(error.getMessage().startsWith("the Kubernetes API server at " + server.url()), error.getMessage());
        // the kernel accepts into the backlog before this server's accept() returns: the client was connected, waiting for an answer
        assertTrue(server.connectedWithin(AT_MOST.toMillis()), "the client connected; " + error.getMessage());
    }

    @Test
    void thePodStateProbeSaysUnknownAndWhyAfterTheDeadline() {
        Instant start = Instant.now();

        Observation<StackState> observation = new PodStateProbe(platform, Clock.systemUTC()).observe(Settled.NEVER);

        assertTrue(Duration.between(start, Instant.now()).compareTo(AT_MOST) < 0);
        assertEquals(Status.UNKNOWN, observation.status());
        assertTrue(observation.reason().startsWith("the Kubernetes API server at "), observation.reason());
    }

    @Test
    void anApiServerThatRefusesTheConnectionIsUnreachableSayingSo() throws IOException {
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl("http://127.0.0.1:" + closed).build();
        try (KubernetesPlatform refused = KubernetesPlatform.using(config, "cloudscale", DEADLINE, Clock.systemUTC(), "closed port")) {
            CloudscaleException.Unreachable error = assertThrows(CloudscaleException.Unreachable.class, refused::services);

            assertTrue(error.getMessage().startsWith("the Kubernetes API server at http://127.0.0.1:" + closed + "/: listing the pods of namespace cloudscale failed: "),
                    error.getMessage());
            assertTrue(error.getMessage().toLowerCase(java.util.Locale.ROOT).contains("connect"), "what went wrong, not the client's wrapper: " + error.getMessage());
        }
    }

    @Test
    void readingALogEndsInUnreachableAfterTheDeadline() {
        Instant start = Instant.now();

        assertThrows(CloudscaleException.Unreachable.class, () -> platform.recentLog("gateway", start.minusSeconds(60), 10));

        assertTrue(Duration.between(start, Instant.now()).compareTo(AT_MOST) < 0);
    }

    @Test
    void whenTheClientsOwnRequestTimeoutFiresFirstItIsStillTheDeadlineThatPassed() {
        // the client's request timeout and the call's deadline are the same length, so either may fire first:
        // here the client's (a real fabric8 client with a shorter one, inside a call with a longer deadline)
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(server.url()).build();
        try (KubernetesApi outer = KubernetesApi.using(config, "cloudscale", Duration.ofSeconds(3), "outer");
                KubernetesApi inner = KubernetesApi.using(config, "cloudscale", DEADLINE, "inner")) {
            CloudscaleException.Unreachable error = assertThrows(CloudscaleException.Unreachable.class,
                    () -> outer.call("listing the pods", () -> inner.client().pods().list()));

            assertTrue(error.getMessage().startsWith("the Kubernetes API server at " + server.url() + "/ did not answer within 3000 ms"),
                    error.getMessage());
        }
    }
}
