package io.cloudscale.core.diagnosis;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Confirmed outcomes (~/.cloudscale/history.jsonl): what a diagnosis turned out to be, confirmed by a
 * person (`diagnose --confirm CAUSE`) or by a fix followed by a healthy run. The engine adds these
 * counts to the priors, so what keeps happening here gets checked first.
 */
public final class History {

    public record Outcome(Instant time, String tree, String cause, String source) {
    }

    private final Path file;

    public History(Path file) {
        this.file = file;
    }

    public static History inHome(Path home) {
        return new History(home.resolve(".cloudscale/history.jsonl"));
    }

    public void record(Outcome outcome) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, Json.mapper().writeValueAsString(outcome) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new CloudscaleException.Usage("cannot write " + file + ": " + e.getMessage(), "make ~/.cloudscale writable");
        }
    }

    /** Confirmed outcomes of one tree, by cause id; unreadable lines are skipped, not fatal. */
    public Map<String, Integer> counts(String tree) {
        Map<String, Integer> counts = new HashMap<>();
        if (!Files.exists(file)) {
            return counts;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return counts;
        }
        for (String line : lines) {
            try {
                Outcome outcome = Json.mapper().readValue(line, Outcome.class);
                if (tree.equals(outcome.tree())) {
                    counts.merge(outcome.cause(), 1, Integer::sum);
                }
            } catch (IOException e) {
                // a torn or foreign line: history informs ordering, it must never stop a diagnosis
            }
        }
        return counts;
    }
}
