package io.cloudscale.probes.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.ExitCode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DockerEngineTest {

    @Test
    void aMissingSocketFailsFastWithTheOperatorsMessage() {
        long start = System.nanoTime();
        CloudscaleException.Unreachable error = assertThrows(CloudscaleException.Unreachable.class,
                () -> DockerEngine.connect("unix:///tmp/cloudscale-no-such/docker.sock"));

        assertEquals("no Docker engine at unix:///tmp/cloudscale-no-such/docker.sock: is dockerd running?", error.getMessage());
        assertEquals(ExitCode.UNREACHABLE, error.exitCode());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2000);
    }

    @Test
    void aTcpPortWhereNothingSpeaksDockerIsUnreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            port = socket.getLocalPort();
        }
        String host = "tcp://127.0.0.1:" + port;

        CloudscaleException.Unreachable error = assertThrows(CloudscaleException.Unreachable.class, () -> DockerEngine.connect(host));

        assertEquals("no Docker engine at " + host + ": is dockerd running?", error.getMessage());
    }

    @ParameterizedTest
    @EnumSource(StalledEngine.Behaviour.class)
    void anEngineThatStallsIsUnreachableWithinItsDeadline(StalledEngine.Behaviour behaviour, @TempDir Path dir) throws IOException {
        try (StalledEngine stalled = StalledEngine.start(dir, behaviour)) {
            long start = System.nanoTime();
            CloudscaleException.Unreachable error = assertThrows(CloudscaleException.Unreachable.class,
                    () -> DockerEngine.connect(new DockerHost(stalled.host(), Duration.ofMillis(800))));
            long tookMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();

            assertEquals("the Docker engine at " + stalled.host() + " did not answer GET /_ping within 800ms", error.getMessage());
            assertTrue(tookMillis >= 800 && tookMillis < 2500, "gave up after " + tookMillis + " ms");
        }
    }

    @Test
    void aStopWaitsForItsGracePeriodOnTopOfTheDeadline() {
        assertEquals(Duration.ofSeconds(10), DeadlineHttpClient.grace("/v1.41/containers/abc/stop?t=10"));
        assertEquals(Duration.ofSeconds(3), DeadlineHttpClient.grace("/containers/abc/restart?signal=x&t=3"));
        assertEquals(Duration.ZERO, DeadlineHttpClient.grace("/containers/abc/json"));
    }

    @Test
    void streamsAreBoundedOnlyUntilTheirHeaders() {
        assertTrue(DeadlineHttpClient.streams("/v1.41/containers/abc/logs?stdout=true&follow=true&tail=10"));
        assertTrue(DeadlineHttpClient.streams("/events?filters=x"));
        assertTrue(DeadlineHttpClient.uploads("/build?t=img"));
        assertTrue(DeadlineHttpClient.uploads("/v1.41/images/load?quiet=1"));
        assertTrue(DeadlineHttpClient.streams("/containers/abc/wait"));
        assertTrue(!DeadlineHttpClient.streams("/v1.41/containers/abc/logs?stdout=true&tail=10"));
        assertTrue(!DeadlineHttpClient.streams("/containers/json?all=true"));
        assertTrue(!DeadlineHttpClient.streams("/_ping"));
    }

    @Test
    void aHostThatIsNotAUriIsAUsageError() {
        assertEquals(ExitCode.USAGE, assertThrows(CloudscaleException.class, () -> DockerEngine.connect("not a host")).exitCode());
    }
}
