package io.cloudscale.playbooks.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.Durations;
import io.cloudscale.core.Poll;
import io.cloudscale.core.Failures;
import io.cloudscale.core.Secrets;
import io.cloudscale.core.diagnosis.Diagnosis;
import io.cloudscale.core.diagnosis.Evidence;
import io.cloudscale.core.diagnosis.Observation;
import io.cloudscale.core.json.Json;
import io.cloudscale.core.json.JsonLines;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a validated runbook: each step within its deadline, with its retries, when its {@code when} holds;
 * a failed step stops the run, is passed over, or rolls back, as it says. Every step, rollback steps
 * included, is written to the journal (JSON lines) as it ends. A dry run plans: it resolves what it can
 * and runs nothing.
 */
public final class RunbookEngine {

    /** What runs a probe, for the steps that observe. */
    public interface Observer {
        Observation<?> observe(String probe, Duration window) throws Exception;

        /** Runs a diagnosis tree against the stack, as `cloudscale diagnose TREE` does. */
        default Diagnosis diagnose(String tree, Duration window) throws Exception {
            throw new CloudscaleException.Usage("diagnose steps need the stack's diagnoses, which this run was not given", null);
        }
    }

    /** A person's yes or no, for ask steps and actions; empty when no person can be asked (no terminal). */
    public interface Confirmer {
        java.util.Optional<Boolean> confirm(String question);
    }

    /** Told each step as it ends. */
    public interface Listener {
        void step(Runbook runbook, StepResult result);
    }

    /** How this run may act: plan only, confirmations given in advance, commands allowed. */
    public record Options(boolean dryRun, boolean yes, boolean allowShell, Path journal) {
    }

    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);
    private static final int MAX_DEPTH = 8;

    private final Observer observer;
    private final RunbookActions actions;
    private final Confirmer confirmer;
    private final Listener listener;
    private final Options options;
    private final Map<String, String> environment;
    private final RunJournal journal;

    public RunbookEngine(Observer observer, RunbookActions actions, Confirmer confirmer, Listener listener, Options options,
                         Map<String, String> environment) {
        this.observer = observer;
        this.actions = actions;
        this.confirmer = confirmer;
        this.listener = listener;
        this.options = options;
        this.environment = Map.copyOf(environment);
        this.journal = options.journal() == null ? null : new RunJournal(options.journal(), JsonLines.newId());
    }

    /** The inputs as given (--set), checked against the declaration and completed from the defaults. */
    public static Map<String, JsonNode> inputs(Runbook runbook, Map<String, String> given) {
        for (String name : given.keySet()) {
            if (!runbook.inputs().containsKey(name)) {
                throw new CloudscaleException.Usage("--set " + name + ": " + runbook.name() + " has no input named " + name,
                        runbook.inputs().isEmpty() ? "it takes no inputs" : "its inputs: " + String.join(", ", runbook.inputs().keySet()));
            }
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        for (Input input : runbook.inputs().values()) {
            String text = given.getOrDefault(input.name(), input.defaultValue());
            if (text == null) {
                throw new CloudscaleException.Usage(runbook.name() + " needs --set " + input.name() + "=" + input.type().id(), input.description());
            }
            String rejected = input.reject(text);
            if (rejected != null) {
                throw new CloudscaleException.Usage("--set " + input.name() + ": " + rejected, null);
            }
            values.put(input.name(), switch (input.type()) {
                case INT, PORT -> JsonNodeFactory.instance.numberNode(Long.parseLong(text.strip()));
                case NUMBER -> JsonNodeFactory.instance.numberNode(Double.parseDouble(text.strip()));
                case BOOL -> JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(text));
                default -> JsonNodeFactory.instance.textNode(text);
            });
        }
        return values;
    }

    public RunResult run(Runbook runbook, Map<String, String> given) {
        return run(runbook, given, 0);
    }

    private RunResult run(Runbook runbook, Map<String, String> given, int depth) {
        for (String variable : runbook.requiredEnvironment()) {
            if (!environment.containsKey(variable)) {
                throw new CloudscaleException.Usage(runbook.name() + " needs the environment variable " + variable, null);
            }
        }
        if (runbook.shell() && !options.allowShell() && !options.dryRun()
                && runbook.steps().stream().anyMatch(step -> step.kind() == Step.Kind.SHELL)) {
            throw new CloudscaleException.Usage(runbook.name() + " runs commands (shell steps): allow it with --allow-shell",
                    "read its shell steps first: cloudscale playbook validate " + runbook.source());
        }
        Map<String, JsonNode> inputs = inputs(runbook, given);
        Map<String, String> visible = new LinkedHashMap<>();
        runbook.requiredEnvironment().forEach(variable -> visible.put(variable, environment.get(variable)));
        RunValues values = new RunValues(inputs, visible);
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        List<StepResult> results = new ArrayList<>();
        String failedStep = null;
        boolean rolledBack = false;
        // not closed but shut down: close() would wait for a step that timed out and ignores interruption,
        // keeping the process alive; abandoned virtual threads do not
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (Step step : runbook.steps()) {
                StepResult result = step(runbook, step, values, threads, depth, false);
                results.add(result);
                if (result.outcome() != StepResult.Outcome.FAILED || step.onFailure() == Step.OnFailure.CONTINUE) {
                    continue;
                }
                failedStep = step.id();
                if (step.onFailure() == Step.OnFailure.ROLLBACK) {
                    rolledBack = true;
                    for (Step undo : runbook.rollback()) {
                        results.add(step(runbook, undo, values, threads, depth, true));
                    }
                }
                break;
            }
        } finally {
            threads.shutdownNow();
        }
        boolean passed = failedStep == null && results.stream().noneMatch(result -> result.outcome() == StepResult.Outcome.FAILED);
        Map<String, Object> shownInputs = new LinkedHashMap<>();
        inputs.forEach((name, value) -> shownInputs.put(name, value.isNumber() ? value.numberValue() : value.isBoolean() ? value.asBoolean() : value.asText()));
        return new RunResult(runbook.name(), runbook.source(), options.dryRun(), shownInputs, startedAt,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), passed, failedStep, rolledBack, results,
                options.journal() == null ? null : options.journal().toString());
    }

    private StepResult step(Runbook runbook, Step step, RunValues values, ExecutorService threads, int depth, boolean rollback) {
        long start = System.nanoTime();
        StepResult result;
        Outcome when = options.dryRun() || step.when() == null ? null : decideWhen(step, values, threads);
        if (options.dryRun()) {
            result = plan(step, values, rollback);
        } else if (when != null && !when.passed()) {
            result = new StepResult(step.id(), step.kind().key(), step.displayTitle(),
                    when.evidence().isEmpty() ? StepResult.Outcome.FAILED : StepResult.Outcome.SKIPPED,
                    when.detail(), List.of(), Map.of(), 0, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), rollback);
        } else {
            intent(runbook, step, values);
            result = attempt(runbook, step, values, threads, depth, rollback, start);
        }
        ObjectNode own = values.step(step.id());
        own.put("outcome", result.outcome().id());
        if (!own.has("detail")) {
            own.put("detail", result.detail());
        }
        journal(runbook, result);
        listener.step(runbook, result);
        return result;
    }

    /**
     * Whether the step's {@code when} holds, decided within the step's own deadline. Passed: run it;
     * not passed with evidence: skip it; not passed without: the condition could not be decided.
     */
    private Outcome decideWhen(Step step, RunValues values, ExecutorService threads) {
        Duration deadline = step.deadline();
        Future<ConditionEvaluator.Verdict> deciding = threads.submit(() -> ConditionEvaluator.evaluate(step.when(), values));
        try {
            ConditionEvaluator.Verdict verdict = deciding.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return new Outcome(verdict.holds(), "when: " + verdict.explanation(), List.of(verdict.explanation()));
        } catch (TimeoutException e) {
            deciding.cancel(true);
            return Outcome.failed("when: not decided within " + Durations.format(deadline), List.of());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return Outcome.failed("when: " + (cause instanceof CloudscaleException known ? known.getMessage() : Failures.describe(cause)), List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed("when: interrupted", List.of());
        }
    }

    private StepResult attempt(Runbook runbook, Step step, RunValues values, ExecutorService threads, int depth, boolean rollback, long start) {
        Duration deadline = step.deadline();
        Outcome outcome = null;
        int attempts = 0;
        while (attempts <= step.retries()) {
            attempts++;
            Future<Outcome> running = threads.submit(() -> execute(runbook, step, values, deadline, depth));
            try {
                outcome = running.get(deadline.toMillis() + (step.kind() == Step.Kind.WAIT ? 1000 : 0), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                running.cancel(true);
                outcome = Outcome.failed("timed out after " + Durations.format(deadline), List.of());
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                outcome = Outcome.failed(cause instanceof CloudscaleException known ? known.getMessage() : Failures.describe(cause), List.of());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcome = Outcome.failed("interrupted", List.of());
                break;
            }
            if (outcome.passed()) {
                break;
            }
        }
        return new StepResult(step.id(), step.kind().key(), step.displayTitle(), outcome.passed() ? StepResult.Outcome.PASSED : StepResult.Outcome.FAILED,
                outcome.detail(), outcome.evidence(), inputsOf(step, values), attempts,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), rollback);
    }

    private record Outcome(boolean passed, String detail, List<String> evidence) {
        static Outcome passed(String detail, List<String> evidence) {
            return new Outcome(true, detail, evidence);
        }

        static Outcome failed(String detail, List<String> evidence) {
            return new Outcome(false, detail, evidence);
        }
    }

    private Outcome execute(Runbook runbook, Step step, RunValues values, Duration deadline, int depth) throws Exception {
        return switch (step.kind()) {
            case PROBE -> observe(step, values);
            case DIAGNOSE -> diagnose(step, values);
            case CHECK -> {
                ConditionEvaluator.Verdict verdict = ConditionEvaluator.evaluate(step.condition(), values);
                yield new Outcome(verdict.holds(), verdict.holds() ? "holds" : "does not hold", List.of(verdict.explanation()));
            }
            case WAIT -> waitFor(step, values, deadline);
            case ASK -> ask(values.text(step.target()));
            case ACTION -> act(step, values);
            case RUN -> runNested(runbook, step, values, depth);
            case SHELL -> shell(step, values, deadline);
        };
    }

    private static Duration window(Step step, RunValues values) {
        return step.with().containsKey("window") ? Durations.parse(values.text(String.valueOf(step.with().get("window")))) : Duration.ofSeconds(10);
    }

    /**
     * The same walk `cloudscale diagnose` makes, so a runbook and the drills prove one flowchart: its verdict
     * in ${steps.ID.value.verdict} (kind, cause, fix, predictions), its path as evidence. Fails only when it
     * could not diagnose; what it found is for the checks to judge.
     */
    private Outcome diagnose(Step step, RunValues values) throws Exception {
        Diagnosis diagnosis = observer.diagnose(step.target(), window(step, values));
        ObjectNode own = values.step(step.id());
        ObjectNode value = JsonNodeFactory.instance.objectNode();
        value.set("verdict", Json.mapper().valueToTree(diagnosis.verdict()));
        value.set("path", Json.mapper().valueToTree(diagnosis.path()));
        own.set("value", value);
        Diagnosis.Verdict verdict = diagnosis.verdict();
        own.put("status", verdict.healthy() ? "OK" : "FAIL");
        List<String> lines = new ArrayList<>();
        for (Diagnosis.PathStep walked : diagnosis.path()) {
            lines.add(walked.text() + " " + walked.answer().name().toLowerCase(java.util.Locale.ROOT));
            walked.evidence().forEach(line -> lines.add("  " + line.source() + ": " + line.text()));
        }
        lines.add("verdict: " + verdict.cause() + " - " + verdict.title());
        verdict.ruledOut().forEach(line -> lines.add("ruled out: " + line));
        ArrayNode evidence = own.putArray("evidence");
        lines.forEach(evidence::add);
        return Outcome.passed("verdict " + verdict.cause() + (verdict.complete() ? "" : " (partial)"), lines);
    }

    private Outcome observe(Step step, RunValues values) throws Exception {
        Duration window = window(step, values);
        Observation<?> observation = observer.observe(step.target(), window);
        ObjectNode own = values.step(step.id());
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
        // a probe step fails only when it could not look; what it saw is for the checks to judge
        return new Outcome(observation.known(), detail, lines);
    }

    private Outcome waitFor(Step step, RunValues values, Duration deadline) throws Exception {
        Duration interval = step.interval() != null ? step.interval() : DEFAULT_INTERVAL;
        Poll.Result<ConditionEvaluator.Verdict> result = Poll.until(() -> {
            if (step.target() != null) {
                observe(step, values);
            }
            return ConditionEvaluator.evaluate(step.condition(), values);
        }, ConditionEvaluator.Verdict::holds, interval, deadline);
        List<String> explanation = List.of(result.last().explanation());
        return result.held()
                ? Outcome.passed("held after " + result.looks() + " look(s)", explanation)
                : Outcome.failed("did not hold within " + Durations.format(deadline) + " (" + result.looks() + " looks)", explanation);
    }

    private Outcome ask(String question) {
        if (options.yes()) {
            return Outcome.passed("yes (--yes): " + question, List.of());
        }
        java.util.Optional<Boolean> answer = confirmer.confirm(question);
        if (answer.isEmpty()) {
            return Outcome.failed("needs a person to confirm '" + question + "': run it on a terminal, or with --yes", List.of());
        }
        return answer.get() ? Outcome.passed("confirmed: " + question, List.of()) : Outcome.failed("declined: " + question, List.of());
    }

    private Outcome act(Step step, RunValues values) throws Exception {
        RunbookActions.RunbookAction action = actions.get(step.target());
        Map<String, Object> arguments = arguments(step, values);
        List<String> plan = action.plan(arguments);
        Outcome confirmed = ask(action.name() + " will: " + String.join("; ", plan));
        if (!confirmed.passed()) {
            return Outcome.failed(confirmed.detail(), plan);
        }
        String detail = action.apply(arguments);
        values.step(step.id()).put("output", detail);
        return Outcome.passed(detail, plan);
    }

    private Outcome runNested(Runbook parent, Step step, RunValues values, int depth) {
        if (depth + 1 >= MAX_DEPTH) {
            return Outcome.failed("runbooks nested more than " + MAX_DEPTH + " deep", List.of());
        }
        RunbookReader.Result loaded = RunbookCatalog.load(step.target(), parent.source());
        if (!loaded.valid()) {
            return Outcome.failed(step.target() + " is not valid: " + loaded.problems().getFirst(), List.of());
        }
        Map<String, String> given = new LinkedHashMap<>();
        arguments(step, values).forEach((name, value) -> given.put(name, String.valueOf(value)));
        RunResult nested = run(loaded.runbook(), given, depth + 1);
        values.step(step.id()).put("output", nested.passed() ? "passed" : "failed at " + nested.failedStep());
        List<String> evidence = nested.steps().stream().map(result -> result.id() + ": " + result.outcome().id() + " " + result.detail()).toList();
        return new Outcome(nested.passed(), loaded.runbook().name() + (nested.passed() ? " passed" : " failed at " + nested.failedStep()), evidence);
    }

    private Outcome shell(Step step, RunValues values, Duration deadline) throws Exception {
        List<String> command = step.command().stream().map(values::text).toList();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            byte[] output = process.getInputStream().readNBytes(64 * 1024);
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                return Outcome.failed("still running after " + Durations.format(deadline), List.of());
            }
            String text = Secrets.redact(new String(output, StandardCharsets.UTF_8));
            ObjectNode own = values.step(step.id());
            own.put("output", text);
            own.put("status", process.exitValue());
            List<String> lines = text.lines().limit(20).toList();
            return new Outcome(process.exitValue() == 0, String.join(" ", command) + " exited " + process.exitValue(), lines);
        } finally {
            process.destroyForcibly();
        }
    }

    private StepResult plan(Step step, RunValues values, boolean rollback) {
        List<String> evidence = new ArrayList<>();
        String detail = switch (step.kind()) {
            case PROBE -> "would observe " + step.target();
            case DIAGNOSE -> "would diagnose " + step.target();
            case CHECK -> "would check a condition";
            case WAIT -> "would wait up to " + Durations.format(step.deadline())
                    + (step.target() == null ? "" : ", observing " + step.target() + " every " + Durations.format(step.interval() != null ? step.interval() : DEFAULT_INTERVAL));
            case ASK -> "would ask: " + values.text(step.target());
            case ACTION -> {
                RunbookActions.RunbookAction action = actions.get(step.target());
                try {
                    evidence.addAll(action.plan(arguments(step, values)));
                    yield "would apply " + action.name() + " (its plan below)";
                } catch (Exception e) {
                    yield "would apply " + action.name() + "; its plan cannot be made now: " + Failures.describe(e);
                }
            }
            case RUN -> "would run the runbook " + step.target();
            case SHELL -> "would run: " + String.join(" ", step.command());
        };
        if (step.when() != null) {
            evidence.add("only when its condition holds at run time");
        }
        return new StepResult(step.id(), step.kind().key(), step.displayTitle(), StepResult.Outcome.PLANNED, detail, evidence,
                inputsOf(step, values), 0, 0, rollback);
    }

    private static Map<String, Object> arguments(Step step, RunValues values) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        step.with().forEach((name, value) -> arguments.put(name, values.resolveArgument(value)));
        return arguments;
    }

    private static Map<String, Object> inputsOf(Step step, RunValues values) {
        Map<String, Object> inputs = new LinkedHashMap<>(arguments(step, values));
        if (step.target() != null) {
            inputs.put(step.kind().key(), step.kind() == Step.Kind.ASK ? values.text(step.target()) : step.target());
        }
        if (!step.command().isEmpty()) {
            inputs.put("command", step.command().stream().map(values::text).toList());
        }
        return inputs;
    }

    private void journal(Runbook runbook, StepResult result) {
        if (journal != null) {
            journal.end(runbook, options.dryRun(), result);
        }
    }

    /** The intent of a step that acts goes to disk before it acts: a run killed mid-step still names it. */
    private void intent(Runbook runbook, Step step, RunValues values) {
        if (journal != null && step.kind().acts()) {
            journal.begin(runbook, step, step.displayTitle(), inputsOf(step, values));
        }
    }
}
