package io.cloudscale.core.action;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One line of the fix journal. A repair (one id) writes a {@code begin} line with its plan, then for each
 * step a {@code begin} line (what it will do, the evidence before, how to undo it) before acting and an
 * {@code end} line (ok, result, evidence after) after; its own {@code end} line (the verification) closes it.
 * A later run that finds a repair left open writes {@code resolved} once it has completed or rolled it back.
 * Lines of versions before repairs had ids have neither repair nor phase.
 */
public record JournalEntry(@JsonProperty("at") @JsonAlias("time") Instant time, String command, String repair, String step, Phase phase,
                           String action, String target, String why, List<String> before, Boolean ok, String result, List<String> after,
                           Map<String, String> undo) {

    public enum Phase {
        @JsonProperty("begin") BEGIN,
        @JsonProperty("end") END,
        @JsonProperty("resolved") RESOLVED
    }

    /** A single-line record of something done, outside any repair. */
    public JournalEntry(Instant time, String command, String action, String target, String why, List<String> before, boolean ok,
                        String result, List<String> after) {
        this(time, command, null, null, null, action, target, why, before, ok, result, after, null);
    }

    /** A change that was made: a step that ended well (on a line of an older version: anything but its verification). */
    public boolean changedSomething() {
        return Boolean.TRUE.equals(ok) && (phase == null ? !"verify".equals(action) : phase == Phase.END && step != null);
    }

    boolean opens() {
        return phase == Phase.BEGIN;
    }

    boolean closes() {
        return phase == Phase.END;
    }
}
