package io.cloudscale.cli.render;

import io.cloudscale.stack.lifecycle.GatewayStatusTally;
import io.cloudscale.stack.lifecycle.PipelineWatch;
import io.cloudscale.probes.signals.ServiceState;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Words for one frame of `watch`: a screen for a terminal, one line for a log. */
public final class WatchView {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private WatchView() {
    }

    public static List<String> screen(String project, PipelineWatch.Frame frame, String footer) {
        List<String> lines = new ArrayList<>();
        var reading = frame.reading();
        lines.add("cloudscale watch — " + project + " — " + time(frame) + "   (q quit, d diagnose)");
        lines.add("");
        lines.add("  gateway     " + rate(frame.ingestPerSecond(), "req/s") + outcomes(frame));
        lines.add("  stored      " + number(reading.storedEvents()) + " events, " + rate(reading.storedPerMinute(), "per minute"));
        lines.add("  queue       " + number(reading.queueDepth()) + " waiting  " + PipelineWatch.sparkline(frame.queueTrend())
                + "  dead-lettered " + number(reading.deadLettered()));
        lines.add("  circuit     " + (reading.circuit() == null ? "?" : "cosmos " + reading.circuit().toUpperCase()));
        lines.add("");
        for (Map.Entry<String, ServiceState> service : frame.services().entrySet()) {
            ServiceState state = service.getValue();
            lines.add("  %s %-16s %-20s restarts %d".formatted(state.ready() ? "✓" : "✗", service.getKey(), state.describe(), state.restarts()));
        }
        reading.unreachable().forEach((part, why) -> lines.add("  ? " + part + ": " + why));
        if (footer != null) {
            lines.add("");
            lines.add(footer);
        }
        return lines;
    }

    /** The same frame as one line, for a log or a pipe. */
    public static String line(PipelineWatch.Frame frame) {
        var reading = frame.reading();
        String errors = frame.errorRate() == null ? "?" : "%.1f%%".formatted(frame.errorRate() * 100);
        long unhealthy = frame.services().values().stream().filter(state -> !state.ready()).count();
        return "%s ingest=%s stored=%s stored_per_min=%s queue=%s dlq=%s circuit=%s errors=%s unhealthy=%d".formatted(time(frame),
                frame.ingestPerSecond() == null ? "?" : "%.1f".formatted(frame.ingestPerSecond()), number(reading.storedEvents()),
                reading.storedPerMinute() == null ? "?" : "%.0f".formatted(reading.storedPerMinute()), number(reading.queueDepth()),
                number(reading.deadLettered()), reading.circuit() == null ? "?" : reading.circuit(), errors, unhealthy);
    }

    private static String outcomes(PipelineWatch.Frame frame) {
        GatewayStatusTally.Counts counts = frame.outcomesPerTick();
        if (counts == null || counts.total() == 0) {
            return "";
        }
        return "   2xx %.0f/s  429 %.0f/s  503 %.0f/s  other 4xx %.0f/s  other 5xx %.0f/s  (errors %.1f%%)".formatted(
                frame.perSecond(counts.ok()), frame.perSecond(counts.tooMany()), frame.perSecond(counts.unavailable()),
                frame.perSecond(counts.otherClientErrors()), frame.perSecond(counts.otherServerErrors()), frame.errorRate() * 100);
    }

    private static String time(PipelineWatch.Frame frame) {
        return LocalTime.ofInstant(frame.reading().at(), ZoneId.systemDefault()).format(TIME);
    }

    private static String rate(Double value, String unit) {
        return value == null ? "? " + unit : "%.1f %s".formatted(value, unit);
    }

    private static String number(Long value) {
        return value == null ? "?" : Long.toString(value);
    }
}
