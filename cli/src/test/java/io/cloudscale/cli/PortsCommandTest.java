package io.cloudscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ports without an engine: host-side findings still work; anything that would change needs the engine. */
class PortsCommandTest {

    @TempDir
    Path dir;

    @Test
    void badPortsAreUsageErrors() {
        CliHarness cli = new CliHarness(dir);

        assertEquals("cloudscale: port 70000 is not between 1 and 65535\n", cli.run("ports", "check", "70000").err());
        assertEquals(2, cli.run("ports", "check", "0").exitCode());
        assertEquals(2, cli.run("ports", "check", "http").exitCode());
        assertEquals(2, cli.run("ports").exitCode());
    }

    @Test
    void aHostProcessIsFoundEvenWithoutAnEngineAndTheGapIsSaid() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(0));

            CliHarness.Result result = new CliHarness(dir).run("ports", "check", Integer.toString(socket.getLocalPort()), "-o", "json");

            assertEquals(1, result.exitCode());
            JsonNode finding = result.json().at("/data/ports/0");
            assertEquals("HELD", finding.get("state").asText());
            assertEquals("host-process", finding.at("/holders/0/kind").asText());
            assertEquals(ProcessHandle.current().pid(), finding.at("/holders/0/pid").asLong());
            assertTrue(finding.at("/notes/0").asText().startsWith("containers not checked: no Docker engine at"), finding.toString());
        }
    }

    @Test
    void fixRefusesToGuessWithoutTheEngine() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(0));

            CliHarness.Result result = new CliHarness(dir).run("ports", "fix", Integer.toString(socket.getLocalPort()), "--dry-run");

            assertEquals(3, result.exitCode(), result.err());
            assertTrue(result.err().startsWith("cloudscale: no Docker engine at"), result.err());
        }
    }

    @Test
    void aFreePortNeedsNoFix() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CliHarness.Result result = new CliHarness(dir).run("ports", "fix", Integer.toString(port));

        assertEquals(0, result.exitCode());
        assertEquals("nothing to fix: no port is held\n", result.out());
    }
}
