package io.cloudscale.playbooks.runbook;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One step of a runbook.
 *
 * @param target what the kind acts on: the probe, diagnosis, action or runbook name, the question, or (shell) null
 * @param command shell's argument list; empty for every other kind
 * @param condition check's condition, or wait's {@code until}
 * @param with arguments (probe, action) or inputs (run); values may hold ${...} references
 */
public record Step(String id, Kind kind, String title, String target, List<String> command, Condition condition,
                   Map<String, Object> with, Condition when, Duration timeout, int retries, OnFailure onFailure,
                   Duration interval, int line, int column) {

    public Step {
        command = List.copyOf(command);
        with = Map.copyOf(with);
    }

    public enum Kind {
        PROBE, DIAGNOSE, CHECK, ACTION, WAIT, ASK, RUN, SHELL;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum OnFailure {
        STOP, CONTINUE, ROLLBACK
    }
}
