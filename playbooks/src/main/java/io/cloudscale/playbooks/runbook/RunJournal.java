package io.cloudscale.playbooks.runbook;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudscale.core.json.Json;
import io.cloudscale.core.json.JsonLines;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runbook journal (~/.cloudscale/playbook-runs.jsonl): a line per step as it ends ({@code "phase":"end"}),
 * and before a step that acts (an action or a shell command) runs, its intent ({@code "phase":"begin"}), so
 * a run killed mid-action leaves the step that was in flight.
 */
final class RunJournal {

    /** A run whose acting step began and never ended: its process was killed or crashed. */
    record Interrupted(String run, String runbook, String step, String title, String at) {
        /** One line for stderr: what was in flight, and when. */
        String describe() {
            return "interrupted run %s of runbook %s: step %s (%s) was in flight, begun %s; it is not re-run on its own: run the runbook again, or its rollback"
                    .formatted(run, runbook, step, title, at);
        }
    }

    private final JsonLines lines;
    private final String run;

    RunJournal(Path file, String run) {
        this.lines = new JsonLines(file, Clock.systemUTC());
        this.run = run;
    }

    void begin(Runbook runbook, Step step, String title, Map<String, Object> inputs) {
        ObjectNode line = header(runbook, false, "begin");
        line.put("id", step.id());
        line.put("kind", step.kind().key());
        line.put("title", title);
        line.set("inputs", Json.mapper().valueToTree(inputs));
        lines.append(line);
    }

    void end(Runbook runbook, boolean dryRun, StepResult result) {
        ObjectNode line = header(runbook, dryRun, "end");
        line.setAll((ObjectNode) Json.mapper().valueToTree(result));
        lines.append(line);
    }

    private ObjectNode header(Runbook runbook, boolean dryRun, String phase) {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("run", run);
        line.put("runbook", runbook.name());
        line.put("source", runbook.source());
        line.put("dryRun", dryRun);
        line.put("phase", phase);
        return line;
    }

    /** The runs left with a step in flight, oldest first, not yet reported by a later run. */
    List<Interrupted> interrupted() {
        Map<String, ObjectNode> inFlight = new LinkedHashMap<>();
        for (ObjectNode line : lines.read().entries()) {
            String key = line.path("run").asText();
            switch (line.path("phase").asText()) {
                case "begin" -> inFlight.put(key, line);
                case "end" -> {
                    ObjectNode begun = inFlight.get(key);
                    if (begun != null && begun.path("id").asText().equals(line.path("id").asText())) {
                        inFlight.remove(key);
                    }
                }
                case "resolved" -> inFlight.remove(key);
                default -> { } // a line of an older version: no intent was written then
            }
        }
        List<Interrupted> found = new ArrayList<>();
        inFlight.values().forEach(line -> found.add(new Interrupted(line.path("run").asText(), line.path("runbook").asText(),
                line.path("id").asText(), line.path("title").asText(), line.path("at").asText())));
        return found;
    }

    /** Marks an interrupted run as reported by this one, so it is reported once. */
    void reported(Interrupted interrupted) {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("run", interrupted.run());
        line.put("runbook", interrupted.runbook());
        line.put("phase", "resolved");
        line.put("id", interrupted.step());
        line.put("detail", "reported by the next run");
        lines.append(line);
    }
}
