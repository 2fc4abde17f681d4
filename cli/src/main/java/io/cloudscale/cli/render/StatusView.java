package io.cloudscale.cli.render;

import io.cloudscale.core.Status;
import io.cloudscale.stack.lifecycle.StackStatus;
import java.time.Duration;
import java.util.Map;

/** `status` for a person: a table of services, then the pipeline in one block. */
public final class StatusView {

    private StatusView() {
    }

    public static void render(Printer printer, StackStatus status) {
        printer.line(printer.bold(status.project()) + (status.profile() == null ? "" : " (" + status.profile() + " profile)"));
        printer.line("  %-16s %-10s %-10s %8s %8s  %s".formatted("SERVICE", "STATE", "HEALTH", "RESTARTS", "UPTIME", "PORTS"));
        for (StackStatus.Row row : status.services()) {
            printer.line("%s %-16s %-10s %-10s %8d %8s  %s".formatted(printer.symbol(row.ok() ? Status.OK : Status.FAIL), row.service(),
                    row.state(), row.health() == null ? "-" : row.health(), row.restarts(), uptime(row.uptime()), String.join(" ", row.ports())));
        }
        StackStatus.Pipeline pipeline = status.pipeline();
        if (pipeline == null) {
            return;
        }
        printer.line("");
        printer.line("  ingest      " + (pipeline.ingestPerSecond() == null ? "?" : "%.1f req/s at the gateway".formatted(pipeline.ingestPerSecond())));
        printer.line("  stored      " + value(pipeline.storedEvents()) + " events"
                + (pipeline.storedPerMinute() == null ? "" : ", %.0f per minute".formatted(pipeline.storedPerMinute())));
        printer.line("  queue       " + value(pipeline.queueDepth()) + " waiting, " + value(pipeline.deadLettered()) + " dead-lettered");
        printer.line("  circuit     " + (pipeline.circuit() == null ? "?" : "cosmos " + pipeline.circuit()));
        for (Map.Entry<String, String> part : pipeline.unreachable().entrySet()) {
            printer.line("  " + printer.symbol(Status.UNKNOWN) + " " + part.getKey() + ": " + part.getValue());
        }
    }

    private static String value(Long value) {
        return value == null ? "?" : Long.toString(value);
    }

    static String uptime(Duration uptime) {
        if (uptime == null) {
            return "-";
        }
        long seconds = uptime.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m" + seconds % 60 + "s";
        }
        if (seconds < 86_400) {
            return seconds / 3600 + "h" + seconds % 3600 / 60 + "m";
        }
        return seconds / 86_400 + "d" + seconds % 86_400 / 3600 + "h";
    }
}
