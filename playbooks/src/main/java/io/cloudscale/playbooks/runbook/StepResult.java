package io.cloudscale.playbooks.runbook;

import java.util.List;
import java.util.Map;

/**
 * How one step went.
 *
 * @param inputs   its arguments as resolved for this run (a check's or wait's condition, a probe's with:)
 * @param rollback true for a step of the rollback section
 */
public record StepResult(String id, String kind, String title, Outcome outcome, String detail, List<String> evidence,
                         Map<String, Object> inputs, int attempts, long durationMillis, boolean rollback) {

    public StepResult {
        evidence = List.copyOf(evidence);
        inputs = Map.copyOf(inputs);
    }

    public enum Outcome {
        PASSED, FAILED, SKIPPED, PLANNED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
