package io.cloudscale.playbooks.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.Durations;
import io.cloudscale.core.Failures;
import io.cloudscale.core.diagnosis.Diagnosis;
import io.cloudscale.core.diagnosis.Observation;
import io.cloudscale.core.json.JsonLines;
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
                && runbook.steps().stream().anyMatch(step -> step.kind() instanceof StepKind.Shell)) {
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
        StepOutcome when = options.dryRun() || step.when() == null ? null : decideWhen(step, values, threads);
        if (options.dryRun()) {
            result = plan(runbook, step, values, depth, rollback);
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
    private StepOutcome decideWhen(Step step, RunValues values, ExecutorService threads) {
        Duration deadline = step.deadline();
        Future<ConditionEvaluator.Verdict> deciding = threads.submit(() -> ConditionEvaluator.evaluate(step.when(), values));
        try {
            ConditionEvaluator.Verdict verdict = deciding.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return new StepOutcome(verdict.holds(), "when: " + verdict.explanation(), List.of(verdict.explanation()));
        } catch (TimeoutException e) {
            deciding.cancel(true);
            return StepOutcome.failed("when: not decided within " + Durations.format(deadline), List.of());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return StepOutcome.failed("when: " + (cause instanceof CloudscaleException known ? known.getMessage() : Failures.describe(cause)), List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return StepOutcome.failed("when: interrupted", List.of());
        }
    }

    private StepResult attempt(Runbook runbook, Step step, RunValues values, ExecutorService threads, int depth, boolean rollback, long start) {
        Duration deadline = step.deadline();
        StepOutcome outcome = null;
        int attempts = 0;
        // a wait's last look may end at its deadline: a second's grace to hear how it ended
        long grace = step.kind() instanceof StepKind.Wait ? 1000 : 0;
        while (attempts <= step.retries()) {
            attempts++;
            Future<StepOutcome> running = threads.submit(() -> step.kind().run(new Running(runbook, step, values, depth)));
            try {
                outcome = running.get(deadline.toMillis() + grace, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                running.cancel(true);
                outcome = StepOutcome.failed("timed out after " + Durations.format(deadline), List.of());
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                outcome = StepOutcome.failed(cause instanceof CloudscaleException known ? known.getMessage() : Failures.describe(cause), List.of());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcome = StepOutcome.failed("interrupted", List.of());
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

    /** What a step's kind may use of this run: its values, the observer, the actions, a person, nested runs. */
    private final class Running implements StepKind.Running {
        private final Runbook runbook;
        private final Step step;
        private final RunValues values;
        private final int depth;

        Running(Runbook runbook, Step step, RunValues values, int depth) {
            this.runbook = runbook;
            this.step = step;
            this.values = values;
            this.depth = depth;
        }

        public Step step() {
            return step;
        }

        public RunValues values() {
            return values;
        }

        public Duration deadline() {
            return step.deadline();
        }

        public Map<String, Object> arguments() {
            return RunbookEngine.arguments(step, values);
        }

        public Observer observer() {
            return observer;
        }

        public RunbookActions actions() {
            return actions;
        }

        public StepOutcome ask(String question) {
            if (options.yes()) {
                return StepOutcome.passed("yes (--yes): " + question, List.of());
            }
            java.util.Optional<Boolean> answer = confirmer.confirm(question);
            if (answer.isEmpty()) {
                return StepOutcome.failed("needs a person to confirm '" + question + "': run it on a terminal, or with --yes", List.of());
            }
            return answer.get() ? StepOutcome.passed("confirmed: " + question, List.of()) : StepOutcome.failed("declined: " + question, List.of());
        }

        public StepOutcome runNested(String reference, Map<String, String> given) {
            if (depth + 1 >= MAX_DEPTH) {
                return StepOutcome.failed("runbooks nested more than " + MAX_DEPTH + " deep", List.of());
            }
            RunbookReader.Result loaded = RunbookCatalog.load(reference, runbook.source());
            if (!loaded.valid()) {
                return StepOutcome.failed(reference + " is not valid: " + loaded.problems().getFirst(), List.of());
            }
            RunResult nested = run(loaded.runbook(), given, depth + 1);
            values.step(step.id()).put("output", nested.passed() ? "passed" : "failed at " + nested.failedStep());
            List<String> evidence = nested.steps().stream().map(result -> result.id() + ": " + result.outcome().id() + " " + result.detail()).toList();
            return new StepOutcome(nested.passed(), loaded.runbook().name() + (nested.passed() ? " passed" : " failed at " + nested.failedStep()), evidence);
        }
    }

    private StepResult plan(Runbook runbook, Step step, RunValues values, int depth, boolean rollback) {
        List<String> evidence = new ArrayList<>();
        String detail = step.kind().plan(new Running(runbook, step, values, depth), evidence);
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
        step.kind().describe(inputs, values);
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
