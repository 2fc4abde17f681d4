package io.cloudscale.cli;

import io.cloudscale.probes.kubernetes.SilentApiServer;
import io.cloudscale.probes.kubernetes.TestKubeconfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The four commands that read a cluster, and drill, which changes it, against an API server that accepts the connection
 * and never answers: each ends within the deadline (engine-timeout bounds each call to the API server; three times it for
 * what changes the cluster) with exit 3 and one line that names the server, never a hang or a stack trace.
 */
class KubernetesTargetStalledApiServerTest {

    /** engine-timeout 1s, plus what a loaded two-core machine adds to a JVM's first kubernetes client. */
    private static final Duration AT_MOST = Duration.ofSeconds(8);

    @TempDir
    Path dir;

    private SilentApiServer server;
    private TestKubeconfig kubeconfig;

    @BeforeEach
    void stalledServer() throws IOException {
        server = new SilentApiServer();
        kubeconfig = TestKubeconfig.use(dir.resolve("kubeconfig"), "stalled-context", server.url());
    }

    @AfterEach
    void close() throws IOException {
        kubeconfig.close();
        server.close();
    }

    @Test
    void eachReadingCommandIsUnreachableWithinTheDeadlineInOneLine() {
        for (String[] args : new String[][] {{"status"}, {"diagnose", "--window", "5s"}, {"logs", "gateway"}, {"probe", "container-state"}}) {
            Instant start = Instant.now();

            CliHarness.Result result = new CliHarness(dir).env("CLOUDSCALE_TARGET", "kubernetes").env("CLOUDSCALE_ENGINE_TIMEOUT", "1s").run(args);

            Duration took = Duration.between(start, Instant.now());
            String command = String.join(" ", args);
            assertEquals(3, result.exitCode(), command + ": " + result.out() + result.err());
            assertTrue(took.compareTo(AT_MOST) < 0, command + " took " + took);
            if (args[0].equals("probe")) {
                assertTrue(result.out().contains("could not look: the Kubernetes API server at " + server.url()
                        + "/ did not answer within 1000 ms"), command + ": " + result.out());
            } else {
                // one line says the error (a hint may follow it; diagnose's progress line comes before it)
                List<String> errors = result.err().lines().filter(line -> line.startsWith("cloudscale: ")).toList();
                assertEquals(1, errors.size(), command + ": " + result.err());
                assertTrue(errors.getFirst().startsWith("cloudscale: the Kubernetes API server at " + server.url()
                        + "/ did not answer within 1000 ms"), command + ": " + errors);
            }
            assertFalse(result.err().contains("\tat "), command + ": no stack trace: " + result.err());
        }
    }

    @Test
    void aDrillOnAClusterWhoseApiServerStallsIsUnreachableWithinTheDeadlineInOneLine() {
        Instant start = Instant.now();

        CliHarness.Result result = new CliHarness(dir).env("CLOUDSCALE_TARGET", "kubernetes").env("CLOUDSCALE_ENGINE_TIMEOUT", "1s")
                .run("drill", "gateway-stopped");

        Duration took = Duration.between(start, Instant.now());
        assertEquals(3, result.exitCode(), result.out() + result.err());
        assertTrue(took.compareTo(AT_MOST) < 0, "took " + took);
        List<String> errors = result.err().lines().filter(line -> line.startsWith("cloudscale: ")).toList();
        assertEquals(1, errors.size(), result.err());
        // what changes the cluster (up, down, the runbooks' actions, drill) waits for a call as long as a change's call to the engine: 3x engine-timeout
        assertTrue(errors.getFirst().startsWith("cloudscale: the Kubernetes API server at " + server.url() + "/ did not answer within 3000 ms"), errors.toString());
        assertFalse(result.err().contains("\tat "), "no stack trace: " + result.err());
    }
}
