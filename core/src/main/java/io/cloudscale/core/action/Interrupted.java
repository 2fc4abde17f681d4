package io.cloudscale.core.action;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A repair the journal shows begun and never closed: its run was killed or crashed. {@code inFlight} is the
 * step begun and not ended, with what it recorded to undo it (null when the run stopped between steps).
 */
public record Interrupted(String repair, String command, Instant began, String what, JournalEntry inFlight, int stepsEnded) {

    static List<Interrupted> in(List<JournalEntry> entries) {
        Map<String, List<JournalEntry>> repairs = new LinkedHashMap<>();
        for (JournalEntry entry : entries) {
            if (entry.repair() != null) {
                repairs.computeIfAbsent(entry.repair(), id -> new ArrayList<>()).add(entry);
            }
        }
        List<Interrupted> open = new ArrayList<>();
        repairs.forEach((id, lines) -> {
            JournalEntry opened = lines.stream().filter(line -> line.opens() && line.step() == null).findFirst().orElse(null);
            boolean closed = lines.stream().anyMatch(line -> line.step() == null && (line.closes() || line.phase() == JournalEntry.Phase.RESOLVED));
            if (opened == null || closed) {
                return;
            }
            JournalEntry inFlight = null;
            int ended = 0;
            for (JournalEntry line : lines) {
                if (line.step() != null && line.opens()) {
                    inFlight = line;
                } else if (line.step() != null && line.closes()) {
                    ended++;
                    if (inFlight != null && inFlight.step().equals(line.step())) {
                        inFlight = null;
                    }
                }
            }
            open.add(new Interrupted(id, opened.command(), opened.time(), opened.target(), inFlight, ended));
        });
        return open;
    }

    static Interrupted tornLine(String line) {
        return new Interrupted(null, null, null, "the journal's last line was cut short by a writer killed mid-line (an older version): "
                + (line.length() > 80 ? line.substring(0, 80) + "..." : line), null, 0);
    }

    /** One line for stderr: what was in flight, and when. */
    public String describe() {
        if (repair == null) {
            return what;
        }
        String where = inFlight != null
                ? "step %s (%s %s) was in flight, begun %s".formatted(inFlight.step(), inFlight.action(), inFlight.target(), inFlight.time())
                : "it stopped between steps after %d step(s)".formatted(stepsEnded);
        return "unfinished repair %s of `%s` begun %s (%s): %s".formatted(repair, command, began, what, where);
    }
}
