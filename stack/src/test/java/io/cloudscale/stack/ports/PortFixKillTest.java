package io.cloudscale.stack.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudscale.core.action.ChildJvm;
import io.cloudscale.core.action.Journal;
import io.cloudscale.core.json.JsonLinesAssert;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * `ports fix --yes` SIGKILLed at each step in turn (before and after the step's change): the journal stays
 * JSON lines naming the step in flight, the .env is the old file or the new one, and the next fix reports
 * the unfinished repair, completes what remained and marks it resolved.
 */
class PortFixKillTest {

    @TempDir
    Path stack;

    private final ServerSocket gatewayHolder = new ServerSocket();
    private final ServerSocket apiHolder = new ServerSocket();

    PortFixKillTest() throws IOException {
    }

    @BeforeEach
    void holdTheStacksPorts() throws IOException {
        gatewayHolder.bind(new InetSocketAddress("0.0.0.0", 0));
        apiHolder.bind(new InetSocketAddress("0.0.0.0", 0));
        Files.writeString(stack.resolve("docker-compose.yml"), """
                services:
                  gateway:
                    ports:
                      - "${GATEWAY_PORT:-1}:80"
                  api:
                    ports:
                      - "${API_PORT:-2}:8080"
                """);
        Files.writeString(stack.resolve(".env"), envFile(gatewayHolder.getLocalPort(), apiHolder.getLocalPort()));
    }

    private static String envFile(int gateway, int api) {
        return "# the stack's ports\nGATEWAY_PORT=%d\nAPI_PORT=%d\n".formatted(gateway, api);
    }

    @AfterEach
    void release() throws IOException {
        gatewayHolder.close();
        apiHolder.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1-before", "1-after", "2-before", "2-after"})
    void aKilledFixIsReportedAndCompletedByTheNext(String pause) throws Exception {
        Path journalFile = stack.resolve("journal.jsonl");
        Path output = stack.resolve("fix.log");
        String before = Files.readString(stack.resolve(".env"));

        ChildJvm.killAt(ChildJvm.start(PortFixChild.class, output, "fix", stack.toString(), journalFile.toString(), pause),
                stack.resolve("paused"), output);

        List<JsonNode> lines = JsonLinesAssert.everyLineIsJson(journalFile);
        JsonNode inFlight = lines.getLast();
        assertEquals("begin", inFlight.path("phase").asText());
        assertEquals("remap-port", inFlight.path("action").asText());
        assertTrue(inFlight.path("step").asText().endsWith("/" + pause.charAt(0)), inFlight.toString());
        String variable = inFlight.path("undo").path("variable").asText();
        assertEquals(Integer.toString("GATEWAY_PORT".equals(variable) ? gatewayHolder.getLocalPort() : apiHolder.getLocalPort()),
                inFlight.path("undo").path("was").asText(), "enough to roll it back: " + inFlight);
        Map<String, String> env = new EnvFile(stack.resolve(".env")).values();
        int changed = (int) env.entrySet().stream().filter(entry -> !before.contains(entry.getKey() + "=" + entry.getValue() + "\n")).count();
        assertEquals(pause.equals("1-before") ? 0 : pause.equals("2-after") ? 2 : 1, changed, "the .env as of the last whole step: " + env);

        Path recovery = stack.resolve("recover.log");
        int exit = ChildJvm.run(PortFixChild.class, recovery, "recover", stack.toString(), journalFile.toString());

        String reported = Files.readString(recovery);
        assertTrue(reported.contains("unfinished repair") && reported.contains(inFlight.path("step").asText())
                && reported.contains(inFlight.path("at").asText()), reported);
        assertEquals(0, exit, reported);
        Map<String, String> fixed = new EnvFile(stack.resolve(".env")).values();
        assertNotEquals(Integer.toString(gatewayHolder.getLocalPort()), fixed.get("GATEWAY_PORT"));
        assertNotEquals(Integer.toString(apiHolder.getLocalPort()), fixed.get("API_PORT"));
        assertEquals(List.of(), new Journal(journalFile).interrupted(), "resolved, so reported once");
        JsonNode resolved = JsonLinesAssert.everyLineIsJson(journalFile).getLast();
        assertEquals("resolved", resolved.path("phase").asText());
        assertEquals(inFlight.path("repair").asText(), resolved.path("repair").asText());
        assertTrue(Files.readString(stack.resolve(".env")).startsWith("# the stack's ports\n"), "other lines kept");
    }
}
