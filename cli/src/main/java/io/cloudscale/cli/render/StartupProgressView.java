package io.cloudscale.cli.render;

import io.cloudscale.core.Durations;
import io.cloudscale.core.Status;
import io.cloudscale.stack.lifecycle.ServiceProgress;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * `up`'s progress on stderr: on a terminal, one line per service redrawn in place; otherwise a plain
 * line each time a service changes phase, so logs and CI output stay readable.
 */
public final class StartupProgressView {

    private final Printer printer;
    private final PrintWriter err;
    private final boolean redraw;
    private final Map<String, ServiceProgress.Phase> shown = new HashMap<>();
    private int linesDrawn;

    public StartupProgressView(Printer printer, PrintWriter err, boolean terminal) {
        this.printer = printer;
        this.err = err;
        this.redraw = terminal && !printer.quiet();
    }

    public synchronized void update(List<ServiceProgress> services) {
        if (printer.quiet()) {
            return;
        }
        if (redraw) {
            StringBuilder frame = new StringBuilder();
            if (linesDrawn > 0) {
                frame.append("\u001b[").append(linesDrawn).append('F');
            }
            for (ServiceProgress service : services) {
                frame.append("\u001b[2K").append(line(service)).append('\n');
            }
            err.print(frame);
            err.flush();
            linesDrawn = services.size();
            return;
        }
        for (ServiceProgress service : services) {
            if (shown.put(service.service(), service.phase()) != service.phase()) {
                printer.progress(line(service));
            }
        }
    }

    private String line(ServiceProgress service) {
        Status status = switch (service.phase()) {
            case STARTING -> Status.UNKNOWN;
            case HEALTHY -> Status.OK;
            case FAILED -> Status.FAIL;
        };
        String phase = switch (service.phase()) {
            case STARTING -> "starting";
            case HEALTHY -> "healthy";
            case FAILED -> "failed";
        };
        return "%s %-16s %-9s %6s  %s".formatted(printer.symbol(status), service.service(), phase,
                Durations.format(round(service.elapsed())), printer.dim(service.detail()));
    }

    private static Duration round(Duration elapsed) {
        return Duration.ofSeconds(elapsed.toSeconds());
    }
}
