package io.cloudscale.stack.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackPortMapTest {

    @TempDir
    Path stack;

    private static final String COMPOSE = """
            services:
              gateway:
                ports:
                  - "${GATEWAY_PORT:-8080}:80"
              cosmos:
                ports:
                  - "${COSMOS_PORT:-8082}:8081"
                  - "10250-10255"
              dashboard:
                ports:
                  - "127.0.0.1:9000:9000/tcp"
              processor:
                ports:
                  - target: 8080
                    published: ${PROCESSOR_PORT-8090}
            """;

    @Test
    void readsEveryPublishedPortWithItsVariable() throws IOException {
        Files.writeString(stack.resolve("docker-compose.yml"), COMPOSE);

        StackPortMap map = StackPortMap.load(stack, Map.of());

        assertEquals(List.of(
                new PublishedPort("gateway", 8080, 80, "GATEWAY_PORT", "docker-compose.yml"),
                new PublishedPort("cosmos", 8082, 8081, "COSMOS_PORT", "docker-compose.yml"),
                new PublishedPort("dashboard", 9000, 9000, null, "docker-compose.yml"),
                new PublishedPort("processor", 8090, 8080, "PROCESSOR_PORT", "docker-compose.yml")), map.ports());
        assertEquals(List.of(8080, 8082, 8090, 9000), map.hostPorts());
        assertFalse(map.publishing(9000).orElseThrow().remappable());
    }

    @Test
    void environmentBeatsDotEnvBeatsDefaultAsInCompose() throws IOException {
        Files.writeString(stack.resolve("docker-compose.yml"), COMPOSE);
        Files.writeString(stack.resolve(".env"), "# ports\nCOSMOS_PORT=8182\nGATEWAY_PORT=8180\nPROCESSOR_PORT=\n");

        StackPortMap map = StackPortMap.load(stack, Map.of("GATEWAY_PORT", "8280"));

        assertEquals(8280, map.publishing(8280).orElseThrow().hostPort(), "shell environment wins");
        assertTrue(map.publishing(8182).isPresent(), ".env beats the default");
        assertTrue(map.publishing(8090).isEmpty(), "`-` keeps an empty value: no port, nothing parsed");
    }

    @Test
    void platformDefaultsWithoutComposeFiles() {
        assertEquals(List.of(8080, 8081, 8082), StackPortMap.load(stack.resolve("absent"), Map.of()).hostPorts());
    }

    @Test
    void envFileKeepsCommentsAndOtherKeysWhenOneValueChanges() throws IOException {
        Path file = stack.resolve(".env");
        Files.writeString(file, "# CloudScale ports\nGATEWAY_PORT=8080\nCOSMOS_PORT=\"8081\"\nCOSMOS_PORT=9999\nEXTRA=1\n");
        EnvFile env = new EnvFile(file);

        assertEquals("8081", env.set("COSMOS_PORT", "8082").orElseThrow());

        assertEquals("# CloudScale ports\nGATEWAY_PORT=8080\nCOSMOS_PORT=8082\nEXTRA=1\n", Files.readString(file));
        assertEquals(Map.of("GATEWAY_PORT", "8080", "COSMOS_PORT", "8082", "EXTRA", "1"), env.values());
    }

    @Test
    void envFileIsCreatedWhenMissing() throws IOException {
        EnvFile env = new EnvFile(stack.resolve(".env"));

        assertTrue(env.set("COSMOS_PORT", "8082").isEmpty());
        assertEquals("COSMOS_PORT=8082\n", Files.readString(stack.resolve(".env")));
    }
}
