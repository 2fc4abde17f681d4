package io.cloudscale.stack.ports;

import io.cloudscale.probes.docker.DockerHost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudscale.core.action.Journal;
import io.cloudscale.probes.docker.RequiresDockerEngine;
import io.cloudscale.probes.ports.PortHolder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `up` asks before starting anything: the same findings as `ports check`, and the command that fixes them. */
class PortPreflightIT {

    @TempDir
    Path dir;

    private PortService service(int gatewayPort, int cosmosPort) throws IOException {
        RequiresDockerEngine.connect().close();
        Files.writeString(dir.resolve("docker-compose.yml"), """
                services:
                  gateway:
                    ports: ["${GATEWAY_PORT:-%d}:80"]
                  cosmos:
                    ports: ["${COSMOS_PORT:-%d}:8081"]
                """.formatted(gatewayPort, cosmosPort));
        return new PortService(DockerHost.of(RequiresDockerEngine.dockerHost()), "cs-preflight", dir, Map.of(), Journal.inHome(dir), Clock.systemUTC());
    }

    @Test
    void aHeldPortStopsUpEarlyWithTheFixCommand() throws IOException {
        try (ServerSocket holder = new ServerSocket()) {
            holder.bind(new InetSocketAddress(0));
            int free;
            try (ServerSocket probe = new ServerSocket(0)) {
                free = probe.getLocalPort();
            }
            try (PortService service = service(free, holder.getLocalPort())) {
                PortService.Preflight preflight = service.preflight();

                assertTrue(!preflight.clear());
                assertEquals(1, preflight.blocking().size());
                assertEquals(holder.getLocalPort(), preflight.blocking().getFirst().port());
                assertTrue(preflight.blocking().getFirst().holders().getFirst() instanceof PortHolder.HostProcess);
                assertEquals("cloudscale ports fix " + holder.getLocalPort(), preflight.fixCommand());
            }
        }
    }

    @Test
    void freePortsLetUpGoAhead() throws IOException {
        int first;
        int second;
        try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
            first = a.getLocalPort();
            second = b.getLocalPort();
        }
        try (PortService service = service(first, second)) {
            PortService.Preflight preflight = service.preflight();

            assertTrue(preflight.clear());
            assertEquals(2, preflight.report().ports().size());
        }
    }
}
