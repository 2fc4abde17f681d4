package io.cloudscale.cli.render;

import io.cloudscale.core.Status;
import io.cloudscale.playbooks.drill.DrillReport;
import io.cloudscale.playbooks.drill.DrillResult;
import io.cloudscale.playbooks.drill.Fault;
import java.time.Duration;
import java.util.List;

/** A drill run for a person: one row per fault (expected, diagnosed, match, time to verdict, probes, restored), then what failed. */
public final class DrillView {

    private DrillView() {
    }

    public static void catalog(Printer printer, List<Fault> faults) {
        printer.line("%-22s %-24s %s".formatted("FAULT", "EXPECTED CAUSE", "WHAT THE DRILL DOES"));
        faults.forEach(fault -> printer.line("%-22s %-24s %s".formatted(fault.id(), fault.expected(), fault.description()
                + (fault.composeOnly() == null ? "" : " [compose only: " + fault.composeOnly() + "]"))));
    }

    public static void render(Printer printer, DrillReport report) {
        report.skipped().forEach(skipped -> printer.line("skipped %s: %s".formatted(skipped.fault(), skipped.reason())));
        if (report.aborted() != null) {
            printer.line(printer.symbol(Status.FAIL) + " no drill ran: " + report.aborted());
            return;
        }
        printer.line("%-22s %-24s %-24s %-5s %9s  %-6s %s".formatted("FAULT", "EXPECTED", "DIAGNOSED", "MATCH", "VERDICT", "PROBES", "RESTORED"));
        for (DrillResult result : report.results()) {
            printer.line("%-22s %-24s %-24s %-5s %9s  %-6s %s".formatted(result.fault(), result.expected(),
                    result.diagnosed() == null ? "-" : result.diagnosed(), result.match() ? "yes" : "NO",
                    result.timeToVerdict() == null ? "-" : seconds(result.timeToVerdict()), result.probes().size(),
                    result.restored() == null ? "kept" : result.restored() ? "yes" : "NO"));
        }
        Duration median = report.medianTimeToVerdict();
        printer.line("");
        printer.line("%s %d of %d diagnosed as expected; median time to verdict %s; profile %s, project %s".formatted(
                printer.symbol(report.passed() ? Status.OK : Status.FAIL), report.matched(), report.results().size(),
                median == null ? "-" : seconds(median), report.profile(), report.project()));
        if (report.clients() != null) {
            printer.line("clients sent %d events: %d accepted, %d rejected (429/503), %d failed (refused, 5xx, timeouts)".formatted(
                    report.clients().attempted(), report.clients().accepted(), report.clients().rejected(), report.clients().failed()));
        }
        for (DrillResult result : report.results()) {
            if (result.passed()) {
                continue;
            }
            printer.line(printer.bold(result.fault()) + ": " + result.description());
            if (result.error() != null) {
                printer.line("  error: " + result.error());
            }
            if (result.symptom() != null) {
                printer.line("  symptom: " + result.symptom());
            }
            result.evidence().forEach(line -> printer.line("  " + line));
            if (Boolean.FALSE.equals(result.restored())) {
                printer.line("  restore: " + result.restoreDetail());
            }
        }
        report.results().stream().filter(result -> result.restored() == null).findFirst().ifPresent(kept -> printer.line(
                "left in place: " + kept.fault() + " (" + kept.description() + "); explore it with cloudscale diagnose, then cloudscale drill --all or up to reset"));
    }

    private static String seconds(Duration duration) {
        return "%.1f s".formatted(duration.toMillis() / 1000.0);
    }
}
