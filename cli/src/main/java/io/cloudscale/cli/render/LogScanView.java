package io.cloudscale.cli.render;

import io.cloudscale.core.Status;
import io.cloudscale.probes.logs.LogScanReport;
import io.cloudscale.probes.logs.SignatureMatch;

/** Signatures found in a log: name, count, first and last seen, what they named, and sample lines. */
public final class LogScanView {

    private LogScanView() {
    }

    public static void render(Printer printer, LogScanReport report) {
        printer.line(printer.bold(report.source()) + printer.dim("  (%d lines%s)".formatted(report.linesRead(),
                report.complete() ? "" : ", cut at the deadline")));
        if (report.matches().isEmpty()) {
            printer.line(printer.symbol(Status.OK) + " no known failure signature");
            return;
        }
        for (SignatureMatch match : report.matches()) {
            printer.line("%s %-18s x%-6d %s".formatted(printer.symbol(Status.FAIL), match.signature(), match.count(), match.meaning()));
            if (match.firstSeen() != null) {
                printer.line("    " + printer.dim("first " + match.firstSeen() + ", last " + match.lastSeen()));
            }
            if (!match.details().isEmpty()) {
                printer.line("    " + printer.dim("names: " + String.join(", ", match.details())));
            }
            match.samples().forEach(sample -> printer.line("    " + printer.dim("| " + sample)));
        }
    }
}
