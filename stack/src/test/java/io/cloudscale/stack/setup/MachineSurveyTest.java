package io.cloudscale.stack.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudscale.probes.docker.DockerHost;
import io.cloudscale.probes.process.CommandRunner;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The survey on a machine made of folders: an empty PATH and a socket that is not there are a bare machine. */
class MachineSurveyTest {

    @TempDir
    Path root;

    @Test
    void anEmptyPathAndAMissingSocketAreABareMachine() throws IOException {
        Files.createDirectories(root.resolve("etc/apt"));
        Files.writeString(root.resolve("etc/os-release"), "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\n");
        Path emptyPath = Files.createDirectories(root.resolve("bin-empty"));
        DockerHost missing = new DockerHost("unix://" + root.resolve("docker.sock"), Duration.ofSeconds(1));

        long started = System.nanoTime();
        MachineFacts facts = new MachineSurvey(Map.of("PATH", emptyPath.toString()), missing, root, new CommandRunner()).survey(SetupPurpose.STACK);

        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 10, "a missing socket is known at once");
        assertEquals("debian", facts.os().id());
        assertTrue(facts.os().debianLike());
        assertTrue(MachineSurvey.PROGRAMS.stream().noneMatch(facts::has), facts.programs().toString());
        assertFalse(facts.engineAnswers());
        assertTrue(facts.engineLocal());
        assertTrue(facts.engine().contains("no Docker engine at unix://" + root.resolve("docker.sock")), facts.engine());
        assertTrue(facts.compose().isEmpty());
        assertTrue(facts.mirror().isEmpty());
        assertFalse(facts.systemd());
        assertFalse(facts.busybox());
    }

    @Test
    void programsAreFoundOnTheInvocationsPathOnlyWhenExecutable() throws IOException {
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path debootstrap = Files.writeString(bin.resolve("debootstrap"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(debootstrap, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(bin.resolve("npm"), "not executable");

        Executables path = new Executables(root.resolve("nowhere") + ":" + bin + "::");

        assertEquals(debootstrap, path.find("debootstrap").orElseThrow());
        assertFalse(path.has("npm"));
        assertFalse(new Executables(null).has("sh"));
    }

    @Test
    void aPortHeldByAnotherProgramIsNotTheBroker() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServerSocket http = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.startVirtualThread(() -> {
                try (Socket client = http.accept()) {
                    client.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes());
                } catch (IOException ignored) {
                    // the test is over
                }
            });
            long started = System.nanoTime();
            assertFalse(MachineSurvey.amqpAnswers(silent.getLocalPort()), "accepts and never answers");
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 4, "bounded by its deadline");
            assertFalse(MachineSurvey.amqpAnswers(http.getLocalPort()), "answers, but not AMQP");
        }
        int closed;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = gone.getLocalPort();
        }
        assertFalse(MachineSurvey.amqpAnswers(closed));
    }

    @Test
    void osReleaseOfADerivativeAndOfNothing() throws IOException {
        Path file = Files.writeString(root.resolve("os-release"), "ID=linuxmint\nID_LIKE=\"ubuntu debian\"\nPRETTY_NAME='Linux Mint 22'\n");
        OsRelease mint = OsRelease.read(file);
        assertTrue(mint.debianLike());
        assertEquals("Linux Mint 22", mint.prettyName());
        assertFalse(OsRelease.read(root.resolve("absent")).debianLike());
        assertFalse(new OsRelease("alpine", java.util.Set.of(), "Alpine").debianLike());
    }
}
