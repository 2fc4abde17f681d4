package io.cloudscale.playbooks.runbook;

import java.time.Duration;
import java.util.Map;

/**
 * One step of a runbook: what it does (its {@link StepKind}) and what every step has.
 *
 * @param with arguments (probe, diagnose, action) or inputs (run); values may hold ${...} references
 */
public record Step(String id, StepKind kind, String title, Map<String, Object> with, Condition when, Duration timeout,
                   int retries, OnFailure onFailure, int line, int column) {

    public Step {
        with = Map.copyOf(with);
    }

    /** The runbook's title for the step, or its kind's. */
    public String displayTitle() {
        return title != null ? title : kind.defaultTitle();
    }

    /** Its own timeout, or its kind's. */
    public Duration deadline() {
        return timeout != null ? timeout : kind.defaultTimeout();
    }

    public enum OnFailure {
        STOP, CONTINUE, ROLLBACK
    }
}
