package io.cloudscale.playbooks.runbook;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A whole run: passed when every step passed or was skipped (or, dry, planned) and no rollback was needed.
 *
 * @param failedStep the step that stopped the run, or null
 * @param journal    the JSON-lines file every step went to
 */
public record RunResult(String runbook, String source, boolean dryRun, Map<String, Object> inputs, Instant startedAt,
                        long durationMillis, boolean passed, String failedStep, boolean rolledBack, List<StepResult> steps,
                        String journal) {

    public RunResult {
        inputs = Map.copyOf(inputs);
        steps = List.copyOf(steps);
    }

    public long count(StepResult.Outcome outcome) {
        return steps.stream().filter(step -> step.outcome() == outcome).count();
    }
}
