package io.cloudscale.core.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {

    @TempDir
    Path home;

    @Test
    void countsConfirmedOutcomesPerTreeAndSkipsTornLines() throws IOException {
        History history = History.inHome(home);
        history.record(new History.Outcome(Instant.EPOCH, "zero-events", "api-shedding", "confirmed by operator"));
        history.record(new History.Outcome(Instant.EPOCH, "zero-events", "api-shedding", FixConfirmation.SOURCE));
        history.record(new History.Outcome(Instant.EPOCH, "zero-events", "gateway-down", "confirmed by operator"));
        history.record(new History.Outcome(Instant.EPOCH, "load-shedding", "saturation", "confirmed by operator"));
        Files.writeString(home.resolve(".cloudscale/history.jsonl"), "{\"time\":\"2026-11-26T06:00:00Z\",\"tree\":\"zero-ev", StandardOpenOption.APPEND);

        assertEquals(Map.of("api-shedding", 2, "gateway-down", 1), history.counts("zero-events"));
        assertEquals(Map.of(), History.inHome(home.resolve("nobody")).counts("zero-events"));
    }
}
