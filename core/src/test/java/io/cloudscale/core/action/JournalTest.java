package io.cloudscale.core.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cloudscale.core.CloudscaleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    @TempDir
    Path home;

    private static JournalEntry entry(String action, String result) {
        return new JournalEntry(Instant.parse("2026-11-26T06:30:00Z"), "ports fix", action, "cloudscale_cosmos_1",
                "a dead container of this stack keeps the port", List.of("docker inspect: State.Status dead"), true, result, List.of("port 8081: FREE"));
    }

    @Test
    void appendsOneJsonLinePerEntryAndReadsThemBack() throws IOException {
        Journal journal = Journal.inHome(home);

        journal.append(entry("remove-container", "removed cloudscale_cosmos_1"));
        journal.append(entry("verify", "no port of the stack is held"));

        assertEquals(2, Files.readAllLines(home.resolve(".cloudscale/journal.jsonl")).size());
        assertEquals(List.of(entry("remove-container", "removed cloudscale_cosmos_1"), entry("verify", "no port of the stack is held")), journal.read());
    }

    @Test
    void secretsNeverReachTheJournal() throws IOException {
        Journal journal = Journal.inHome(home);

        journal.append(entry("remap-port", "restarted with AccountKey=C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw=="));

        String line = Files.readString(home.resolve(".cloudscale/journal.jsonl"));
        assertFalse(line.contains("C2y6yDjf5"), line);
    }

    @Test
    void anUnwritableJournalStopsTheFixBeforeItStarts() throws IOException {
        Files.writeString(home.resolve(".cloudscale"), "a file where the folder should be");

        assertThrows(CloudscaleException.Usage.class, () -> Journal.inHome(home).ensureWritable());
    }
}
