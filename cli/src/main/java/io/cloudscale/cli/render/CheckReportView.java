package io.cloudscale.cli.render;

import io.cloudscale.core.Status;
import io.cloudscale.core.check.CheckReport;
import io.cloudscale.core.check.CheckResult;

/** A check report as aligned lines: symbol, name, what was seen, and the advice under anything not OK. */
public final class CheckReportView {

    private CheckReportView() {
    }

    public static void render(Printer printer, CheckReport report) {
        renderChecks(printer, report.checks());
        printer.line(printer.bold(report.summary()));
    }

    /** The lines of the checks, without the summary. */
    public static void renderChecks(Printer printer, java.util.List<CheckResult> checks) {
        int width = checks.stream().mapToInt(check -> check.name().length()).max().orElse(0);
        for (CheckResult check : checks) {
            if (printer.quiet() && check.status() == Status.OK) {
                continue;
            }
            printer.line(("%s %-" + width + "s  %s").formatted(printer.symbol(check.status()), check.name(), check.detail()));
            if (check.advice() != null && check.status() != Status.OK) {
                printer.line(" ".repeat(width + 4) + printer.dim("→ " + check.advice()));
            }
        }
    }
}
