package io.cloudscale.stack.doctor;

import io.cloudscale.probes.docker.DockerHost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudscale.core.Status;
import io.cloudscale.core.check.CheckReport;
import io.cloudscale.core.check.CheckResult;
import io.cloudscale.probes.host.PortBindTest;
import io.cloudscale.probes.process.CommandRunner;
import io.cloudscale.stack.FakePrograms;
import io.cloudscale.stack.compose.ComposeLocator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The doctor on this machine with no engine at the given socket; compose is a scripted program. */
class EnvironmentDoctorTest {

    @TempDir
    Path dir;

    private EnvironmentDoctor doctor(List<Integer> ports, String composeV1Body) throws IOException {
        Path docker = FakePrograms.script(dir, "docker", "exit 125");
        Path v1 = FakePrograms.script(dir, "docker-compose", composeV1Body);
        return new EnvironmentDoctor(DockerHost.of("unix://" + dir.resolve("docker.sock")), "cloudscale", ports,
                new ComposeLocator(new CommandRunner(), docker.toString(), v1.toString()), new PortBindTest());
    }

    private static CheckResult named(CheckReport report, String name) {
        return report.checks().stream().filter(check -> check.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aMissingEngineBlocksUpWithTheOperatorsMessage() throws IOException {
        long start = System.nanoTime();
        CheckReport report = doctor(List.of(), "echo 1.29.2").examine();

        CheckResult engine = named(report, "docker engine");
        assertEquals(Status.FAIL, engine.status());
        assertEquals("no Docker engine at unix://" + dir.resolve("docker.sock") + ": is dockerd running?", engine.detail());
        assertTrue(report.blocking());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5, "no waiting on a socket that is not there");
    }

    @Test
    void aHeldPortIsAFailureWithAWayToFindTheHolder() throws IOException {
        try (ServerSocket holder = new ServerSocket()) {
            holder.bind(new InetSocketAddress(0));
            int port = holder.getLocalPort();

            CheckResult check = named(doctor(List.of(port), "echo 1.29.2").examine(), "port " + port);

            assertEquals(Status.FAIL, check.status());
            assertTrue(check.detail().startsWith("held: Address already in use"), check.detail());
            assertTrue(check.advice().contains("cloudscale ports check " + port), check.advice());
            assertTrue(check.blocking());
        }
    }

    @Test
    void aFreePortIsOk() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(0));
            port = probe.getLocalPort();
        }
        assertEquals(Status.OK, named(doctor(List.of(port), "echo 1.29.2").examine(), "port " + port).status());
    }

    @Test
    void composeV1IsAWarningAndNoComposeIsAFailure() throws IOException {
        assertEquals(Status.WARN, named(doctor(List.of(), "echo 1.29.2").examine(), "compose").status());
        CheckResult none = named(doctor(List.of(), "exit 127").examine(), "compose");
        assertEquals(Status.FAIL, none.status());
        assertTrue(none.blocking());
    }

    @Test
    void javaAndDiskAreAlwaysReported() throws IOException {
        CheckReport report = doctor(List.of(), "echo 1.29.2").examine();

        assertEquals(Status.OK, named(report, "java").status());
        assertTrue(named(report, "disk").detail().matches("\\d+\\.\\d GiB free at .*"), named(report, "disk").detail());
    }
}
