package io.cloudscale.core.diagnosis;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cloudscale.core.json.JsonLines;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Confirmed outcomes (~/.cloudscale/history.jsonl): what a diagnosis turned out to be, confirmed by a
 * person (`diagnose --confirm CAUSE`) or by a fix followed by a healthy run. The engine adds these
 * counts to the priors, so what keeps happening here gets checked first.
 */
public final class History {

    public record Outcome(@JsonProperty("at") @JsonAlias("time") Instant time, String tree, String cause, String source) {
    }

    private final JsonLines lines;

    public History(Path file) {
        this.lines = new JsonLines(file, Clock.systemUTC());
    }

    public static History inHome(Path home) {
        return new History(home.resolve(".cloudscale/history.jsonl"));
    }

    public void record(Outcome outcome) {
        lines.append(outcome);
    }

    /** Confirmed outcomes of one tree, by cause id; torn or foreign lines are passed over: history informs ordering, it never stops a diagnosis. */
    public Map<String, Integer> counts(String tree) {
        Map<String, Integer> counts = new HashMap<>();
        try {
            for (var line : lines.read().entries()) {
                JsonLines.as(line, Outcome.class).filter(outcome -> tree.equals(outcome.tree()))
                        .ifPresent(outcome -> counts.merge(outcome.cause(), 1, Integer::sum));
            }
        } catch (RuntimeException e) {
            // unreadable: as above
        }
        return counts;
    }
}
