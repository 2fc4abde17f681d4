package io.cloudscale.probes.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.exception.DockerException;
import io.cloudscale.core.CloudscaleException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the engine's reads make of answers that are not what they asked for, from a real unix socket that answers the
 * ping as an engine does (AnsweringEngine): an engine's error document, and an answer that is not JSON at all.
 */
class EngineAnswersTest {

    @Test
    void anEnginesErrorIsThrownWithTheEnginesOwnWords(@TempDir Path dir) throws Exception {
        try (AnsweringEngine answering = AnsweringEngine.start(dir, 500, "application/json", "{\"message\":\"layer does not exist\"}");
             DockerEngine engine = DockerEngine.connect(answering.host())) {
            DockerException failure = assertThrows(DockerException.class, () -> engine.projectContainers("cloudscale"));
            assertEquals(500, failure.getHttpStatus());
            assertTrue(failure.getMessage().contains("layer does not exist"), failure.getMessage());
        }
    }

    @Test
    void anAnswerThatIsNotJsonIsAnEngineThatCannotBeRead(@TempDir Path dir) throws Exception {
        try (AnsweringEngine answering = AnsweringEngine.start(dir, 200, "text/html", "<html><body>It works!</body></html>");
             DockerEngine engine = DockerEngine.connect(answering.host())) {
            CloudscaleException.Unreachable failure = assertThrows(CloudscaleException.Unreachable.class, () -> engine.containers(Map.of()));
            assertEquals("the Docker engine at " + answering.host() + " answered GET /containers/json with something that is not JSON",
                    failure.getMessage());
        }
    }

    @Test
    void aContainerThatIsGoneInspectsAsEmpty(@TempDir Path dir) throws Exception {
        try (AnsweringEngine answering = AnsweringEngine.start(dir, 404, "application/json", "{\"message\":\"No such container: abc\"}");
             DockerEngine engine = DockerEngine.connect(answering.host())) {
            assertTrue(engine.inspect("abc").isEmpty());
            assertTrue(engine.inspectAll(List.of("abc", "def")).isEmpty());
        }
    }

    @Test
    void fieldsAnEngineLeavesOutReadAsAbsent(@TempDir Path dir) throws Exception {
        try (AnsweringEngine answering = AnsweringEngine.start(dir, 200, "application/json", "{\"Id\":\"abc\",\"State\":{}}");
             DockerEngine engine = DockerEngine.connect(answering.host())) {
            InspectedContainer inspected = engine.inspect("abc").orElseThrow();
            assertEquals("abc", inspected.id());
            assertEquals(null, inspected.status());
            assertEquals(null, inspected.health());
            assertEquals(0, inspected.restartCount());
            assertEquals(Map.of(), inspected.labels());
            assertEquals(List.of(), inspected.portBindings());
        }
    }

    @Test
    void framedLogsAreSplitIntoTheirPayloadsAndRawOnesKeptWhole() {
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        frame(framed, 1, "2026-12-03T10:00:00.000000000Z started\n");
        frame(framed, 2, "2026-12-03T10:00:01.000000000Z warn");
        frame(framed, 2, "ing: slow\n");
        assertEquals(List.of("2026-12-03T10:00:00.000000000Z started\n", "2026-12-03T10:00:01.000000000Z warn", "ing: slow\n"),
                payloads(framed.toByteArray()));

        assertEquals(List.of("a TTY's output\r\n"), payloads("a TTY's output\r\n".getBytes(StandardCharsets.UTF_8)));

        byte[] cut = java.util.Arrays.copyOf(framed.toByteArray(), 8 + 10);
        assertEquals(List.of("2026-12-03"), payloads(cut), "a last frame cut short gives what arrived");
    }

    private static List<String> payloads(byte[] log) {
        List<String> payloads = new ArrayList<>();
        LogFrames.payloads(log, payload -> payloads.add(new String(payload, StandardCharsets.UTF_8)));
        return payloads;
    }

    private static void frame(ByteArrayOutputStream out, int stream, String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(new byte[] {(byte) stream, 0, 0, 0, (byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8), (byte) bytes.length});
        out.writeBytes(bytes);
    }
}
