package io.cloudscale.cli.commands;

import io.cloudscale.cli.Session;
import io.cloudscale.cli.SessionCommand;
import io.cloudscale.cli.render.LoadView;
import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.Durations;
import io.cloudscale.core.ExitCode;
import io.cloudscale.core.json.Envelope;
import io.cloudscale.core.json.Json;
import io.cloudscale.playbooks.load.LoadChart;
import io.cloudscale.playbooks.load.LoadPlan;
import io.cloudscale.playbooks.load.LoadReport;
import io.cloudscale.playbooks.load.Loads;
import io.cloudscale.playbooks.load.Stage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "load", description = {"Send events to the ingestion endpoint at a constant arrival rate (open model) and report what came back.",
        "Requests are due at the rate whatever the endpoint does; each one's latency counts from when it was due, so a slow endpoint cannot hide its latency by slowing the test (no coordinated omission). Reports percentiles (HdrHistogram), requests per second, and answers by class: 2xx, 429, 503, other 5xx, timeouts, connection errors. Against this stack's gateway it also counts container restarts and accepted events that never arrived. --ramp holds each rate for --duration (default 10s) and finds where the stack stops keeping up; read the result with: cloudscale diagnose load-shedding --from REPORT.json.",
        "Exit 0 when every request was answered 2xx, 1 when some were not, 2 bad options, 3 nothing answered at the target."})
public final class LoadCommand extends SessionCommand implements Callable<Integer> {

    static final class Rates {
        @Option(names = "--rps", paramLabel = "N", description = "Requests per second to hold (default 100).")
        Double rps;

        @Option(names = "--ramp", paramLabel = "FROM:TO:STEP", description = "Hold FROM, FROM+STEP, ... TO requests/s, each for --duration.")
        String ramp;
    }

    @ArgGroup(exclusive = true)
    Rates rates = new Rates();

    @Option(names = "--duration", paramLabel = "DURATION", description = "How long to hold the rate (default 30s; with --ramp, each step, default 10s).")
    Duration duration;

    @Option(names = "--connections", paramLabel = "C", defaultValue = "64", description = "Keep-alive connections, one request in flight on each (default ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--url", paramLabel = "URL", description = "Where to POST events (default: this stack's gateway, http://127.0.0.1:GATEWAY_PORT/api/events; --target URL is read as this too).")
    String url;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s", description = "How long a sent request may wait for its answer (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "3s", description = "Send at the first rate this long before measuring, not counted: JIT and cold caches are not the endpoint's latency (default ${DEFAULT-VALUE}; 0s for none).")
    Duration warmup;

    @Option(names = "--client-id", paramLabel = "ID", defaultValue = LoadPlan.DEFAULT_CLIENT_ID, description = "X-Client-Id the requests carry: the API's per-client quota counts by it (default ${DEFAULT-VALUE}).")
    String clientId;

    @Option(names = "--save", paramLabel = "FILE", description = "Also write the report as JSON (what -o json prints) to FILE, for diagnose load-shedding --from.")
    Path save;

    @Option(names = "--chart", paramLabel = "FILE.html", description = "Write latency and answers over time as a self-contained HTML page.")
    Path chart;

    @Override
    public Integer call() throws Exception {
        Loads loads = new Loads(session.stackSession());
        LoadPlan plan = new LoadPlan(target(loads), stages(), connections, positive("--timeout", timeout), warmup, clientId, LoadPlan.eventBody(clientId));
        ReportFile.checkWritable("--save", save);
        ReportFile.checkWritable("--chart", chart);
        LoadView view = new LoadView(session.printer(), session.context().err(), session.context().stderrIsTerminal());
        session.printer().progress("load: %s, %d stage(s), %s in all, %d connections".formatted(plan.target(), plan.stages().size(),
                Durations.format(plan.totalDuration()), plan.connections()));
        LoadReport report;
        try {
            report = loads.run(plan, view::second, note -> {
                view.done();
                session.printer().progress(note);
            });
        } finally {
            view.done();
        }
        // the report reaches the screen before any file: a file that cannot be written never costs the run
        if (session.printer().json()) {
            session.printer().document("load", report);
        } else {
            view.render(report);
        }
        ReportFile.write(save, Json.write(Envelope.of("load", report)));
        if (chart != null) {
            ReportFile.write(chart, LoadChart.html(report));
        }
        if (report.totals().total() > 0 && report.totals().connection() == report.totals().total()) {
            throw new CloudscaleException.Unreachable("nothing answered at " + plan.target() + ": every connection was refused or reset",
                    loads.targetsThisStack(plan.target()) ? "is the stack up? cloudscale status" : "check --url", null);
        }
        return (report.totals().accepted() == report.totals().total() ? ExitCode.HEALTHY : ExitCode.PROBLEM).code();
    }

    private URI target(Loads loads) {
        String given = url != null ? url : session.options().endpointGivenAsTarget().orElse(null);
        if (given == null) {
            return loads.stackTarget();
        }
        try {
            return URI.create(given);
        } catch (IllegalArgumentException e) {
            throw new CloudscaleException.Usage("--url '" + given + "' is not a URL", "e.g. http://127.0.0.1:8080/api/events");
        }
    }

    private List<Stage> stages() {
        if (rates.ramp != null) {
            return LoadPlan.ramp(rates.ramp, duration == null ? Duration.ofSeconds(10) : positive("--duration", duration));
        }
        return LoadPlan.constant(rates.rps == null ? 100 : rates.rps, duration == null ? Duration.ofSeconds(30) : positive("--duration", duration));
    }

    private static Duration positive(String option, Duration duration) {
        if (duration.isZero()) {
            throw new CloudscaleException.Usage(option + " must be longer than 0", null);
        }
        return duration;
    }
}
