package io.cloudscale.core.action;

import java.util.List;
import java.util.Map;

/**
 * One repair step. It can say what it will do and why before doing anything (the plan and
 * --dry-run show exactly this), and it reports what happened when applied. Implementations
 * change only the resource they name.
 */
public interface Action {

    /** A stable verb for scripts and the journal: remove-container, remap-port, ... */
    String kind();

    /** What it acts on: a container name, network/endpoint, file and variable. */
    String target();

    /** One line a person reads in the plan. */
    String description();

    /** Why this is the least destructive step that clears the problem. */
    String reason();

    /** The observations that justify it, as seen before applying. */
    List<String> evidence();

    /**
     * What restores the state before this step, as data for the journal's intent line (written before the
     * step acts), so a run killed halfway can be rolled back; empty when the step cannot be undone (a
     * removed container: `up` recreates it) or needs no undoing.
     */
    default Map<String, String> undo() {
        return Map.of();
    }

    /** Does it; throws when it could not, leaving what it touched as the message says. Doing it again when done already is not an error. */
    Outcome apply() throws Exception;

    /** @param changed false when there was nothing left to do */
    record Outcome(String detail, boolean changed) {
        public Outcome(String detail) {
            this(detail, true);
        }
    }
}
