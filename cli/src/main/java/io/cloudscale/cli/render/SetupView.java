package io.cloudscale.cli.render;

import io.cloudscale.core.Status;
import io.cloudscale.core.check.CheckReport;
import io.cloudscale.core.check.CheckResult;
import io.cloudscale.stack.setup.Setup;
import io.cloudscale.stack.setup.SetupPlan;
import io.cloudscale.stack.setup.SetupStep;
import java.util.List;

/** Setup as a person reads it (what was found, the plan, each step as it is applied, the check after) and as the `setup` document. */
public final class SetupView {

    /** A step as scripts read it. */
    public record StepView(String kind, String title, List<String> commands) {
        static StepView of(SetupStep step) {
            return new StepView(step.kind(), step.title(), step.commands());
        }
    }

    /** The `setup` JSON document: the plan, what was applied, the verification, or what --undo stopped. */
    public record Document(String action, String purpose, boolean dryRun, String machine, List<CheckResult> checks, List<StepView> steps,
                           List<String> manual, List<String> notDoing, List<Setup.Applied> applied, List<CheckResult> remaining,
                           CheckReport doctor, List<Setup.Stopped> stopped, boolean ready, String message) {

        public static Document planned(SetupPlan plan, boolean dryRun, String message) {
            return new Document("setup", plan.purpose().name().toLowerCase(), dryRun, plan.machine(), plan.checks(),
                    plan.steps().stream().map(StepView::of).toList(), plan.manual(), plan.notDoing(), List.of(), null, null, null,
                    plan.ready(), message);
        }

        public static Document applied(SetupPlan plan, List<Setup.Applied> applied, Setup.Verification verification) {
            boolean ready = verification.ready();
            String message = ready ? "ready" : applied.stream().filter(step -> !step.ok()).findFirst()
                    .map(failed -> "not ready: " + failed.title() + " failed").orElse("not ready: see the checks above");
            return new Document("setup", plan.purpose().name().toLowerCase(), false, plan.machine(), plan.checks(),
                    plan.steps().stream().map(StepView::of).toList(), verification.remaining().manual(), plan.notDoing(), applied,
                    verification.remaining().checks(), verification.doctor(), null, ready, message);
        }

        public static Document undone(List<Setup.Stopped> stopped, boolean dryRun) {
            boolean ready = stopped.stream().allMatch(Setup.Stopped::ok);
            String message = stopped.isEmpty() ? "setup started nothing that still runs"
                    : dryRun ? "dry run: nothing was stopped" : ready ? "stopped all setup started" : "some of what setup started still runs";
            return new Document("undo", null, dryRun, null, null, null, null, null, null, null, null, stopped, ready, message);
        }
    }

    private final Printer printer;

    public SetupView(Printer printer) {
        this.printer = printer;
    }

    public void plan(SetupPlan plan) {
        printer.line("this machine: " + plan.machine());
        checks(plan.checks());
        if (!plan.steps().isEmpty()) {
            printer.line(printer.bold("plan (%d step%s):".formatted(plan.steps().size(), plan.steps().size() == 1 ? "" : "s")));
            int number = 0;
            for (SetupStep step : plan.steps()) {
                printer.line("  %d. %s".formatted(++number, step.title()));
                step.commands().forEach(command -> printer.line("       " + printer.dim(command)));
            }
        }
        manual(plan.manual());
        if (!plan.notDoing().isEmpty() && !plan.ready()) {
            printer.line("setup will not:");
            plan.notDoing().forEach(line -> printer.line("  - " + line));
        }
    }

    public void applied(Setup.Applied step) {
        printer.line("%s %s: %s".formatted(printer.symbol(step.ok() ? Status.OK : Status.FAIL), step.title(), step.result()));
    }

    public void verification(Setup.Verification verification) {
        printer.line(printer.bold("checked again:"));
        checks(verification.remaining().checks());
        manual(verification.remaining().manual());
        CheckReportView.render(printer, verification.doctor());
    }

    public void undone(List<Setup.Stopped> stopped, boolean dryRun) {
        for (Setup.Stopped one : stopped) {
            printer.line("%s %s".formatted(printer.symbol(one.ok() ? (dryRun ? Status.WARN : Status.OK) : Status.FAIL), one.result()));
        }
    }

    public void outcome(Document document) {
        printer.line(printer.bold(document.message()));
    }

    private void checks(List<CheckResult> checks) {
        CheckReportView.renderChecks(printer, checks);
    }

    private void manual(List<String> commands) {
        if (!commands.isEmpty()) {
            printer.line(printer.bold("a person must run:"));
            commands.forEach(command -> printer.line("  " + command));
        }
    }
}
