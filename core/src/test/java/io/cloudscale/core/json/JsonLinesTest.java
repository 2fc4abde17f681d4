package io.cloudscale.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudscale.core.action.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesTest {

    @TempDir
    Path dir;

    /** Appends big entries from two threads until killed; the marker says the first lines are on disk. */
    public static final class Writer {
        public static void main(String[] args) throws Exception {
            JsonLines lines = new JsonLines(Path.of(args[0]), Clock.systemUTC());
            String payload = "x".repeat(200_000);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                String name = args[1] + "-" + t;
                threads.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; ; i++) {
                        lines.append(Map.of("writer", name, "i", i, "payload", payload));
                        if (i == 3) {
                            try {
                                Files.writeString(Path.of(args[0] + "." + name + ".started"), "yes");
                            } catch (java.io.IOException e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }

    @Test
    void writersKilledMidStreamLeaveOnlyWholeLinesAndNeverInterleave() throws Exception {
        Path file = dir.resolve("lines.jsonl");
        for (int round = 0; round < 3; round++) {
            Process first = ChildJvm.start(Writer.class, dir.resolve("first.log"), file.toString(), "first" + round);
            Process second = ChildJvm.start(Writer.class, dir.resolve("second.log"), file.toString(), "second" + round);
            ChildJvm.killAt(first, Path.of(file + ".first" + round + "-1.started"), dir.resolve("first.log"));
            ChildJvm.killAt(second, Path.of(file + ".second" + round + "-1.started"), dir.resolve("second.log"));
        }

        List<JsonNode> lines = JsonLinesAssert.everyLineIsJson(file);
        assertTrue(lines.size() >= 24, "at least four lines per writer thread: " + lines.size());
        lines.forEach(line -> assertEquals(200_000, line.path("payload").asText().length(), "a whole entry"));
        assertTrue(lines.stream().allMatch(line -> Instant.parse(line.path("at").asText()) != null));
    }

    @Test
    void aTornLastLineIsReportedAndDroppedByTheNextEntry() throws Exception {
        Path file = dir.resolve("lines.jsonl");
        Files.writeString(file, "{\"at\":\"2026-01-01T00:00:00Z\",\"n\":1}\n{\"at\":\"2026-01-01T00:00:01Z\",\"n\":2,\"resu");
        JsonLines lines = new JsonLines(file, Clock.fixed(Instant.parse("2026-01-02T00:00:00Z"), ZoneOffset.UTC));

        JsonLines.Contents torn = lines.read();
        assertEquals(1, torn.entries().size());
        assertEquals(Optional.of("{\"at\":\"2026-01-01T00:00:01Z\",\"n\":2,\"resu"), torn.tornLastLine());

        lines.append(Map.of("n", 3));
        JsonLines.Contents after = lines.read();
        assertEquals(List.of(1, 3), after.entries().stream().map(entry -> entry.path("n").asInt()).toList());
        assertEquals(Optional.empty(), after.tornLastLine(), "dropped: its writer never returned");
        assertFalse(Files.readString(file).contains("resu"), "only whole lines remain");
        assertTrue(Files.readString(file).endsWith("\n{\"at\":\"2026-01-02T00:00:00Z\",\"n\":3}\n"), Files.readString(file));
    }

    @Test
    void atComesFirstInOneFormatAndSecretsAreRedacted() throws Exception {
        Path file = dir.resolve("lines.jsonl");
        JsonLines lines = new JsonLines(file, Clock.systemUTC());

        lines.append(Map.of("detail", "AccountKey=C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==;",
                "at", "2026-01-01T01:00:00.000+01:00"));

        String text = Files.readString(file);
        assertTrue(text.startsWith("{\"at\":\"2026-01-01T00:00:00Z\","), text);
        assertFalse(text.contains("C2y6yDjf5"), text);
    }

    @Test
    void threadsOfOneProcessAppendWholeLines() throws Exception {
        Path file = dir.resolve("lines.jsonl");
        JsonLines lines = new JsonLines(file, Clock.systemUTC());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int writer = t;
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 25; i++) {
                    lines.append(Map.of("writer", writer, "payload", "y".repeat(10_000)));
                }
            }));
        }
        for (Thread thread : threads) {
            assertTrue(thread.join(java.time.Duration.ofSeconds(60)));
        }
        assertEquals(200, JsonLinesAssert.everyLineIsJson(file).size());
        assertEquals(200, lines.read().entries().size());
    }
}
