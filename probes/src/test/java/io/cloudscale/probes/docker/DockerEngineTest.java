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
import org.junit.jupiter.api.Test;

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

    @Test
    void aHostThatIsNotAUriIsAUsageError() {
        assertEquals(ExitCode.USAGE, assertThrows(CloudscaleException.class, () -> DockerEngine.connect("not a host")).exitCode());
    }
}
