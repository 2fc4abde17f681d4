package io.cloudscale.cli.render;

import io.cloudscale.core.Status;
import io.cloudscale.probes.ports.PortFinding;
import io.cloudscale.probes.ports.PortHolder;
import io.cloudscale.probes.ports.PortReport;

/** A port report as a table: port, state, then each holder with the evidence that names it. */
public final class PortReportView {

    private PortReportView() {
    }

    public static void render(Printer printer, PortReport report) {
        printer.line(printer.bold("%-6s %-16s %s".formatted("PORT", "STATE", "HOLDER")));
        for (PortFinding finding : report.ports()) {
            String state = printer.symbol(status(finding.state())) + " " + finding.state().name().toLowerCase().replace('_', '-');
            if (finding.holders().isEmpty()) {
                printer.line("%-6d %s".formatted(finding.port(), pad(state, finding.state())));
            }
            boolean first = true;
            for (PortHolder holder : finding.holders()) {
                printer.line("%-6s %s %s".formatted(first ? finding.port() : "", first ? pad(state, finding.state()) : " ".repeat(16), holder.summary()));
                printer.line(" ".repeat(24) + printer.dim(holder.evidence()));
                first = false;
            }
            if (finding.bindError() != null && finding.state() != PortFinding.State.IN_USE_BY_STACK) {
                printer.line(" ".repeat(24) + printer.dim("bind 0.0.0.0:" + finding.port() + ": " + finding.bindError()));
            }
            for (String note : finding.notes()) {
                printer.line(" ".repeat(24) + printer.dim("note: " + note));
            }
        }
        long held = report.heldPorts().size();
        printer.line(held == 0 ? "no port is held" : held + " port(s) held: " + report.fixCommand() + " --dry-run shows the repair");
    }

    private static Status status(PortFinding.State state) {
        return switch (state) {
            case FREE -> Status.OK;
            case IN_USE_BY_STACK -> Status.OK;
            case HELD -> Status.FAIL;
        };
    }

    /** Pads by the visible width, which colour codes do not add to. */
    private static String pad(String state, PortFinding.State raw) {
        int visible = 2 + raw.name().length();
        return state + " ".repeat(Math.max(1, 16 - visible));
    }
}
