package io.cloudscale.playbooks.runbook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudscale.core.Durations;
import io.cloudscale.core.Failures;
import io.cloudscale.core.Poll;
import io.cloudscale.core.Secrets;
import io.cloudscale.core.diagnosis.Diagnosis;
import io.cloudscale.core.diagnosis.Evidence;
import io.cloudscale.core.diagnosis.Observation;
import io.cloudscale.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * What a runbook step does. Each kind knows how it is read from its YAML key (and checked against what this
 * build has), its default title and timeout, whether it acts (its intent journalled first), and how it is run
 * and planned; the engine around it does what is the same for every kind (when:, retries, deadline, journal).
 * {@link #READERS} is the one list of kinds.
 */
public sealed interface StepKind {

    /** The step's key in a runbook (probe:, check:, ...), and its kind in the results and the journal. */
    String key();

    /** How long a step of this kind may take when its runbook gives no timeout. */
    Duration defaultTimeout();

    /** The title a step of this kind has when its runbook gives none. */
    String defaultTitle();

    /** True for the kinds that change something (an action, a shell command): their intent is journalled first. */
    default boolean acts() {
        return false;
    }

    /** True for the kinds that take arguments or inputs under {@code with}. */
    default boolean takesArguments() {
        return true;
    }

    /** What the step's inputs show of it besides its arguments: what it names, asks or runs. */
    void describe(Map<String, Object> inputs, RunValues values);

    /** Does the step (on a thread the engine bounds by the step's deadline). */
    StepOutcome run(Running running) throws Exception;

    /** What a dry run says the step would do; the lines of its plan go to {@code evidence}. */
    String plan(Running running, List<String> evidence);

    /** The kinds by their keys, in the order they are listed to a runbook's author. */
    Map<String, KindReader> READERS = readers();

    private static Map<String, KindReader> readers() {
        Map<String, KindReader> readers = new LinkedHashMap<>();
        readers.put("probe", (body, step, reading) -> new Probe(reading.known(body, reading.names().probes(), "probe")));
        readers.put("diagnose", (body, step, reading) -> new Diagnose(reading.known(body, reading.names().diagnoses(), "diagnosis")));
        readers.put("check", (body, step, reading) -> new Check(reading.condition(body)));
        readers.put("action", (body, step, reading) -> new Action(reading.known(body, reading.names().actions(), "action")));
        readers.put("wait", Wait::read);
        readers.put("ask", Ask::read);
        readers.put("run", Run::read);
        readers.put("shell", Shell::read);
        return java.util.Collections.unmodifiableMap(readers);
    }

    /** Reads a kind's body (the value under its key); {@code step} holds the step's other fields by key. */
    @FunctionalInterface
    interface KindReader {
        StepKind read(Node body, Map<String, Node> step, Reading reading);
    }

    /** What a kind's reader may use of the runbook's reader: its checks, each problem kept with its place. */
    interface Reading {
        RunbookReader.Names names();

        void problem(Node node, String message);

        String scalar(Node node);

        /** The name in {@code node}, a problem when it is not one of {@code known} (a {@code what}). */
        String known(Node node, Set<String> known, String what);

        Condition condition(Node node);

        /** The duration in {@code node}; null (and a problem) when it is not one. */
        Duration duration(Node node, String what);

        List<String> strings(Node node, String what);

        /** Checks the ${...} references in {@code text}. */
        void references(Node node, String text);

        /** Whether the runbook declares requires: {shell: true}. */
        boolean declaresShell();

        /** Whether {@code reference} names a built-in runbook or a file relative to this one. */
        boolean runbookExists(String reference);
    }

    /** What a kind may use of the engine while its step runs or is planned. */
    interface Running {
        Step step();

        RunValues values();

        /** The step's deadline. */
        Duration deadline();

        /** The step's with: arguments, references resolved. */
        Map<String, Object> arguments();

        RunbookEngine.Observer observer();

        RunbookActions actions();

        /** A person's yes, or --yes; no terminal and no --yes is a failure that says so. */
        StepOutcome ask(String question);

        /** Runs another runbook (its reference, its inputs) one level deeper. */
        StepOutcome runNested(String reference, Map<String, String> given);
    }

    /** The window a probe or diagnosis looks over: with: {window: 10s}, else 10 s. */
    private static Duration window(Running running) {
        Object window = running.step().with().get("window");
        return window != null ? Durations.parse(running.values().text(String.valueOf(window))) : Duration.ofSeconds(10);
    }

    /** probe: NAME, observed over its window; fails only when it could not look (what it saw is for the checks). */
    record Probe(String probe) implements StepKind {
        public String key() {
            return "probe";
        }

        public Duration defaultTimeout() {
            return Duration.ofSeconds(90);
        }

        public String defaultTitle() {
            return "observe " + probe;
        }

        public void describe(Map<String, Object> inputs, RunValues values) {
            inputs.put(key(), probe);
        }

        public StepOutcome run(Running running) throws Exception {
            return observe(probe, running);
        }

        /** Observes {@code probe} into the step's values (status, value, evidence, reason). */
        static StepOutcome observe(String probe, Running running) throws Exception {
            Observation<?> observation = running.observer().observe(probe, window(running));
            ObjectNode own = running.values().step(running.step().id());
            own.put("status", observation.status().name());
            own.set("value", observation.value() == null ? JsonNodeFactory.instance.nullNode() : Json.mapper().valueToTree(observation.value()));
            ArrayNode evidence = own.putArray("evidence");
            List<String> lines = new ArrayList<>();
            for (Evidence line : observation.evidence()) {
                String text = line.source() + ": " + line.text();
                evidence.add(text);
                lines.add(text);
            }
            if (observation.reason() != null) {
                own.put("reason", observation.reason());
            }
            String detail = observation.status().name() + (observation.reason() == null ? "" : ": " + observation.reason());
            return new StepOutcome(observation.known(), detail, lines);
        }

        public String plan(Running running, List<String> evidence) {
            return "would observe " + probe;
        }
    }

    /**
     * diagnose: TREE, the same walk `cloudscale diagnose` makes, so a runbook and the drills prove one flowchart:
     * its verdict in ${steps.ID.value.verdict} (kind, cause, fix, predictions), its path as evidence. Fails only
     * when it could not diagnose; what it found is for the checks to judge.
     */
    record Diagnose(String tree) implements StepKind {
        public String key() {
            return "diagnose";
        }

        public Duration defaultTimeout() {
            return Duration.ofSeconds(120);
        }

        public String defaultTitle() {
            return "diagnose " + tree;
        }

        public void describe(Map<String, Object> inputs, RunValues values) {
            inputs.put(key(), tree);
        }

        public StepOutcome run(Running running) throws Exception {
            Diagnosis diagnosis = running.observer().diagnose(tree, window(running));
            ObjectNode own = running.values().step(running.step().id());
            ObjectNode value = JsonNodeFactory.instance.objectNode();
            value.set("verdict", Json.mapper().valueToTree(diagnosis.verdict()));
            value.set("path", Json.mapper().valueToTree(diagnosis.path()));
            own.set("value", value);
            Diagnosis.Verdict verdict = diagnosis.verdict();
            own.put("status", verdict.healthy() ? "OK" : "FAIL");
            List<String> lines = new ArrayList<>();
            for (Diagnosis.PathStep walked : diagnosis.path()) {
                lines.add(walked.text() + " " + walked.answer().name().toLowerCase(Locale.ROOT));
                walked.evidence().forEach(line -> lines.add("  " + line.source() + ": " + line.text()));
            }
            lines.add("verdict: " + verdict.cause() + " - " + verdict.title());
            verdict.ruledOut().forEach(line -> lines.add("ruled out: " + line));
            ArrayNode evidence = own.putArray("evidence");
            lines.forEach(evidence::add);
            return StepOutcome.passed("verdict " + verdict.cause() + (verdict.complete() ? "" : " (partial)"), lines);
        }

        public String plan(Running running, List<String> evidence) {
            return "would diagnose " + tree;
        }
    }

    /** check: CONDITION, on what earlier steps found. */
    record Check(Condition condition) implements StepKind {
        public String key() {
            return "check";
        }

        public Duration defaultTimeout() {
            return Duration.ofSeconds(5);
        }

        public String defaultTitle() {
            return "check";
        }

        public boolean takesArguments() {
            return false;
        }

        public void describe(Map<String, Object> inputs, RunValues values) {
        }

        public StepOutcome run(Running running) {
            ConditionEvaluator.Verdict verdict = ConditionEvaluator.evaluate(condition, running.values());
            return new StepOutcome(verdict.holds(), verdict.holds() ? "holds" : "does not hold", List.of(verdict.explanation()));
        }

        public String plan(Running running, List<String> evidence) {
            return "would check a condition";
        }
    }

    /** action: NAME, applied once its plan is confirmed (asked, or --yes). */
    record Action(String action) implements StepKind {
        public String key() {
            return "action";
        }

        public Duration defaultTimeout() {
            return Duration.ofMinutes(5);
        }

        public String defaultTitle() {
            return action;
        }

        public boolean acts() {
            return true;
        }

        public void describe(Map<String, Object> inputs, RunValues values) {
            inputs.put(key(), action);
        }

        public StepOutcome run(Running running) throws Exception {
            RunbookActions.RunbookAction applied = running.actions().get(action);
            Map<String, Object> arguments = running.arguments();
            List<String> plan = applied.plan(arguments);
            StepOutcome confirmed = running.ask(applied.name() + " will: " + String.join("; ", plan));
            if (!confirmed.passed()) {
                return StepOutcome.failed(confirmed.detail(), plan);
            }
            String detail = applied.apply(arguments);
            running.values().step(running.step().id()).put("output", detail);
            return StepOutcome.passed(detail, plan);
        }

        public String plan(Running running, List<String> evidence) {
            RunbookActions.RunbookAction planned = running.actions().get(action);
            try {
                evidence.addAll(planned.plan(running.arguments()));
                return "would apply " + planned.name() + " (its plan below)";
            } catch (Exception e) {
                return "would apply " + planned.name() + "; its plan cannot be made now: " + Failures.describe(e);
            }
        }
    }

    /** wait: PROBE with until: CONDITION (the probe observed again each interval), or wait: CONDITION alone. */
    record Wait(String probe, Condition until, Duration interval) implements StepKind {
        static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);

        static StepKind read(Node body, Map<String, Node> step, Reading reading) {
            Duration interval = step.containsKey("interval") ? reading.duration(step.get("interval"), "interval") : null;
            interval = interval == null ? DEFAULT_INTERVAL : interval;
            if (!(body instanceof ScalarNode)) {
                return new Wait(null, reading.condition(body), interval);
            }
            String probe = reading.known(body, reading.names().probes(), "probe");
            if (!step.containsKey("until")) {
                reading.problem(body, "wait: " + probe + " needs until: (the condition to wait for)");
                return new Wait(probe, null, interval);
            }
            return new Wait(probe, reading.condition(step.get("until")), interval);
        }

        public String key() {
            return "wait";
        }

        public Duration defaultTimeout() {
            return Duration.ofSeconds(60);
        }

        public String defaultTitle() {
            return "wait" + (probe == null ? "" : " on " + probe);
        }

        public void describe(Map<String, Object> inputs, RunValues values) {
            if (probe != null) {
                inputs.put(key(), probe);
            }
        }

        public StepOutcome run(Running running) throws Exception {
            Poll.Result<ConditionEvaluator.Verdict> result = Poll.until(() -> {
                if (probe != null) {
                    Probe.observe(probe, running);
                }
                return ConditionEvaluator.evaluate(until, running.values());
            }, ConditionEvaluator.Verdict::holds, interval, running.deadline());
            List<String> explanation = List.of(result.last().explanation());
            return result.held()
                    ? StepOutcome.passed("held after " + result.looks() + " look(s)", explanation)
                    : StepOutcome.failed("did not hold within " + Durations.format(running.deadline()) + " (" + result.looks() + " looks)", explanation);
        }

        public String plan(Running running, List<String> evidence) {
            return "would wait up to " + Durations.format(running.deadline())
                    + (probe == null ? "" : ", observing " + probe + " every " + Durations.format(interval));
        }
    }

    /** ask: QUESTION, which a person confirms (or --yes). */
    record Ask(String question) implements StepKind {
        static StepKind read(Node body, Map<String, Node> step, Reading reading) {
            String question = reading.scalar(body);
            if (question == null || question.isBlank()) {
                reading.problem(body, "ask: is the question a person must confirm");
            }
            reading.references(body, question);
            return new Ask(question);
        }

        public String key() {
            return "ask";
        }

        public Duration defaultTimeout() {
            return Duration.ofMinutes(30);
        }

        public String defaultTitle() {
            return "ask";
        }

        public boolean takesArguments() {
            return false;
        }

        public void describe(Map<String, Object> inputs, RunValues values) {
            inputs.put(key(), values.text(question));
        }

        public StepOutcome run(Running running) {
            return running.ask(running.values().text(question));
        }

        public String plan(Running running, List<String> evidence) {
            return "would ask: " + running.values().text(question);
        }
    }

    /** run: RUNBOOK (a built-in name or a file relative to this one), with: its inputs. */
    record Run(String runbook) implements StepKind {
        static StepKind read(Node body, Map<String, Node> step, Reading reading) {
            String runbook = reading.scalar(body);
            if (runbook == null || !reading.runbookExists(runbook)) {
                reading.problem(body, "no runbook '" + runbook + "' (a built-in name, or a file relative to this one)");
            }
            return new Run(runbook);
        }

        public String key() {
            return "run";
        }

        public Duration defaultTimeout() {
            return Duration.ofMinutes(30);
        }

        public String defaultTitle() {
            return "run " + runbook;
        }

        public void describe(Map<String, Object> inputs, RunValues values) {
            inputs.put(key(), runbook);
        }

        public StepOutcome run(Running running) {
            Map<String, String> given = new LinkedHashMap<>();
            running.arguments().forEach((name, value) -> given.put(name, String.valueOf(value)));
            return running.runNested(runbook, given);
        }

        public String plan(Running running, List<String> evidence) {
            return "would run the runbook " + runbook;
        }
    }

    /** shell: [COMMAND, ARG...], only in a runbook that declares it and a run that allows it; output redacted. */
    record Shell(List<String> command) implements StepKind {
        static final int MAX_OUTPUT = 64 * 1024;

        public Shell {
            command = List.copyOf(command);
        }

        static StepKind read(Node body, Map<String, Node> step, Reading reading) {
            List<String> command = reading.strings(body, "shell");
            if (command.isEmpty()) {
                reading.problem(body, "shell: is a command as a list of arguments: [docker, ps]");
            }
            if (!reading.declaresShell()) {
                reading.problem(body, "a shell step needs the runbook to declare it: requires: {shell: true}");
            }
            command.forEach(argument -> reading.references(body, argument));
            return new Shell(command);
        }

        public String key() {
            return "shell";
        }

        public Duration defaultTimeout() {
            return Duration.ofSeconds(60);
        }

        public String defaultTitle() {
            return String.join(" ", command);
        }

        public boolean acts() {
            return true;
        }

        public boolean takesArguments() {
            return false;
        }

        public void describe(Map<String, Object> inputs, RunValues values) {
            inputs.put("command", command.stream().map(values::text).toList());
        }

        public StepOutcome run(Running running) throws Exception {
            List<String> resolved = command.stream().map(running.values()::text).toList();
            Duration deadline = running.deadline();
            Process process = new ProcessBuilder(resolved).redirectErrorStream(true).start();
            try {
                byte[] output = process.getInputStream().readNBytes(MAX_OUTPUT);
                if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                    return StepOutcome.failed("still running after " + Durations.format(deadline), List.of());
                }
                String text = Secrets.redact(new String(output, StandardCharsets.UTF_8));
                ObjectNode own = running.values().step(running.step().id());
                own.put("output", text);
                own.put("status", process.exitValue());
                List<String> lines = text.lines().limit(20).toList();
                return new StepOutcome(process.exitValue() == 0, String.join(" ", resolved) + " exited " + process.exitValue(), lines);
            } finally {
                process.destroyForcibly();
            }
        }

        public String plan(Running running, List<String> evidence) {
            return "would run: " + String.join(" ", command);
        }
    }
}
