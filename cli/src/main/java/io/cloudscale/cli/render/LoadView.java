package io.cloudscale.cli.render;

import io.cloudscale.core.Status;
import io.cloudscale.playbooks.load.Latency;
import io.cloudscale.playbooks.load.LoadReport;
import io.cloudscale.playbooks.load.SecondSample;
import io.cloudscale.playbooks.load.StackObservation;
import io.cloudscale.playbooks.load.StageReport;
import io.cloudscale.playbooks.load.StatusCounts;
import java.io.PrintWriter;

/** A load test for a person: a progress line while it runs, then one row per rate held and the run's totals. */
public final class LoadView {

    private static final String ROW = "%9s %9s %9s %7s %7s %7s %6s %6s %6s %9s %9s %9s %9s %9s";

    private final Printer printer;
    private final PrintWriter err;
    private final boolean redraw;
    private double lastPrinted = -10;

    public LoadView(Printer printer, PrintWriter err, boolean terminal) {
        this.printer = printer;
        this.err = err;
        this.redraw = terminal && !printer.quiet();
    }

    /** The progress line: redrawn each second on a terminal, every 5 seconds in a log. */
    public synchronized void second(SecondSample sample, int stage, int stages) {
        if (printer.quiet()) {
            return;
        }
        StatusCounts counts = sample.counts();
        String line = "%s%.0f req/s: sent %.0f/s, answered %.0f/s, 2xx %d, 429 %d, 503 %d, 5xx %d, timeouts %d, conn errors %d, p99 %s, at %.0f s".formatted(
                stages > 1 ? "[%d/%d] ".formatted(stage + 1, stages) : "", sample.targetRate(), sample.seconds() > 0 ? sample.sent() / sample.seconds() : 0,
                sample.answeredRate(), counts.accepted(), counts.tooMany(), counts.unavailable(), counts.serverError(), counts.timeout(),
                counts.connection(), Latency.format(sample.latency().p99()), sample.at());
        if (redraw) {
            err.print("\r\u001b[2K" + line);
            err.flush();
        } else if (sample.at() - lastPrinted >= 5) {
            printer.progress(line);
            lastPrinted = sample.at();
        }
    }

    /** Ends the progress line so what follows starts on its own. */
    public synchronized void done() {
        if (redraw) {
            err.print("\r\u001b[2K");
            err.flush();
        }
    }

    public void render(LoadReport report) {
        printer.line("load test of %s: %d connections, %s s after a %s s warm-up, timeout %d ms".formatted(report.target(), report.connections(),
                report.seconds(), report.warmupSeconds(), report.timeoutMillis()));
        printer.line(ROW.formatted("TARGET/s", "SENT/s", "2XX/s", "2XX%", "429", "503", "5XX", "T/O", "CONN", "P50", "P90", "P99", "P99.9", "MAX"));
        for (StageReport stage : report.stages()) {
            StatusCounts counts = stage.counts();
            printer.line(ROW.formatted(rate(stage.targetRate()), rate(stage.sentRate()), rate(stage.acceptedRate()),
                    "%.2f".formatted(stage.successRatio() * 100), counts.tooMany(), counts.unavailable(), counts.serverError(),
                    counts.timeout(), counts.connection(), Latency.format(stage.latency().p50()), Latency.format(stage.latency().p90()), Latency.format(stage.latency().p99()),
                    Latency.format(stage.latency().p999()), Latency.format(stage.latency().max())));
        }
        StatusCounts totals = report.totals();
        printer.line("");
        printer.line("%s %d sent, %d answered: %d 2xx (%.2f%%), %d 429, %d 503, %d other 5xx, %d other, %d timeouts, %d connection errors".formatted(
                printer.symbol(totals.total() > 0 && totals.accepted() == totals.total() ? Status.OK : Status.WARN), report.sent(), totals.total(),
                totals.accepted(), totals.successRatio() * 100, totals.tooMany(), totals.unavailable(), totals.serverError(), totals.other(),
                totals.timeout(), totals.connection()));
        printer.line("latency from intended send: p50 %s, p90 %s, p99 %s, p99.9 %s, max %s".formatted(Latency.format(report.latency().p50()),
                Latency.format(report.latency().p90()), Latency.format(report.latency().p99()), Latency.format(report.latency().p999()), Latency.format(report.latency().max())));
        if (report.unsent() > 0) {
            printer.line("%s %d requests were due but never sent (every connection was waiting): raise --connections; their wait is in the latencies"
                    .formatted(printer.symbol(Status.WARN), report.unsent()));
        }
        StackObservation stack = report.stack();
        if (stack != null) {
            printer.line(stackLine(stack));
            stack.restarts().forEach(restart -> printer.line("  %s %s: %s".formatted(printer.symbol(Status.FAIL), restart.service(), restart.how())));
        }
    }

    private String stackLine(StackObservation stack) {
        if (stack.lost() == null) {
            return "stack %s: %d restarts; events not accounted: %s".formatted(stack.project(), stack.restarts().size(), stack.unread());
        }
        return "%s stack %s: %d restarts; of %d accepted events %d stored, %d dead-lettered, %d still queued, %d lost%s".formatted(
                printer.symbol(stack.restarts().isEmpty() && stack.lost() == 0 ? Status.OK : Status.FAIL), stack.project(), stack.restarts().size(),
                stack.accepted(), stack.stored(), stack.deadLettered(), stack.queued(), stack.lost(), stack.unread() == null ? "" : " (" + stack.unread() + ")");
    }

    private static String rate(double perSecond) {
        return "%.1f".formatted(perSecond);
    }
}
