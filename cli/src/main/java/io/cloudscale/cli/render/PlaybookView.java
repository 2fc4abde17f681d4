package io.cloudscale.cli.render;

import io.cloudscale.core.Status;
import io.cloudscale.playbooks.runbook.Problem;
import io.cloudscale.playbooks.runbook.RunResult;
import io.cloudscale.playbooks.runbook.Runbook;
import io.cloudscale.playbooks.runbook.RunbookReader;
import io.cloudscale.playbooks.runbook.StepResult;
import java.util.List;

/** Runbooks for a person: the list, a validation's problems, each step as it ends, the run's summary. */
public final class PlaybookView {

    private final Printer printer;

    public PlaybookView(Printer printer) {
        this.printer = printer;
    }

    public record Listed(String name, String description, String version, List<String> tags, List<String> inputs, String source) {
        public static Listed of(Runbook runbook) {
            return new Listed(runbook.name(), runbook.description(), runbook.version(), runbook.tags(),
                    List.copyOf(runbook.inputs().keySet()), runbook.source());
        }
    }

    public record Validation(String runbook, boolean valid, List<Problem> problems) {
    }

    public static void list(Printer printer, List<Runbook> runbooks) {
        printer.line("%-16s %-18s %s".formatted("NAME", "TAGS", "WHAT IT IS FOR"));
        runbooks.forEach(runbook -> printer.line("%-16s %-18s %s".formatted(runbook.name(), String.join(",", runbook.tags()), runbook.description())));
    }

    public static void validation(Printer printer, String reference, RunbookReader.Result result) {
        if (result.valid()) {
            printer.line("%s %s is valid: %d steps, %d rollback steps".formatted(printer.symbol(Status.OK), reference,
                    result.runbook().steps().size(), result.runbook().rollback().size()));
            return;
        }
        result.problems().forEach(problem -> printer.line(problem.toString()));
        printer.line("%s %s: %d problem(s)".formatted(printer.symbol(Status.FAIL), reference, result.problems().size()));
    }

    /** Each step as it ends, on stderr. */
    public void step(Runbook runbook, StepResult step) {
        printer.progress("%s %s%s %s: %s".formatted(printer.symbol(status(step.outcome())), step.rollback() ? "rollback " : "", step.id(),
                printer.dim("(" + step.kind() + ")"), step.detail()));
    }

    public void summary(RunResult run) {
        for (StepResult step : run.steps()) {
            printer.line("%s %-24s %-7s %-8s %6d ms  %s".formatted(printer.symbol(status(step.outcome())), (step.rollback() ? "↩ " : "") + step.id(),
                    step.kind(), step.outcome().id(), step.durationMillis(), step.detail()));
            step.evidence().stream().limit(5).forEach(line -> printer.line("      " + printer.dim(line)));
        }
        printer.line("");
        String verdict = run.dryRun() ? "planned" : run.passed() ? "passed" : "FAILED" + (run.failedStep() == null ? "" : " at " + run.failedStep());
        printer.line("%s %s %s: %d passed, %d failed, %d skipped%s in %d ms%s".formatted(
                printer.symbol(run.passed() ? Status.OK : Status.FAIL), run.runbook(), verdict, run.count(StepResult.Outcome.PASSED),
                run.count(StepResult.Outcome.FAILED), run.count(StepResult.Outcome.SKIPPED),
                run.dryRun() ? ", " + run.count(StepResult.Outcome.PLANNED) + " planned" : "", run.durationMillis(),
                run.rolledBack() ? "; rolled back" : ""));
        if (run.journal() != null) {
            printer.line(printer.dim("journal: " + run.journal()));
        }
    }

    private static Status status(StepResult.Outcome outcome) {
        return switch (outcome) {
            case PASSED -> Status.OK;
            case FAILED -> Status.FAIL;
            case SKIPPED, PLANNED -> Status.UNKNOWN;
        };
    }
}
