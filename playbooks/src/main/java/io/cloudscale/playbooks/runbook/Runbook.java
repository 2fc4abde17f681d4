package io.cloudscale.playbooks.runbook;

import java.util.List;
import java.util.Map;

/**
 * A procedure as a file: what it is, what it needs (inputs, environment, whether it may run commands), its
 * steps, and the steps that undo it when a step asks for a rollback.
 *
 * @param source where it was read from: a file, or {@code builtin:NAME}
 */
public record Runbook(String name, String description, String version, List<String> tags, Map<String, Input> inputs,
                      List<String> requiredEnvironment, boolean shell, List<Step> steps, List<Step> rollback, String source) {

    public Runbook {
        tags = List.copyOf(tags);
        inputs = Map.copyOf(inputs);
        requiredEnvironment = List.copyOf(requiredEnvironment);
        steps = List.copyOf(steps);
        rollback = List.copyOf(rollback);
    }
}
