package io.cloudscale.cli.commands;

import io.cloudscale.cli.Session;
import io.cloudscale.cli.render.DiagnosisView;
import io.cloudscale.cli.render.LoadVerdictView;
import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.Durations;
import io.cloudscale.core.ExitCode;
import io.cloudscale.core.diagnosis.Cause;
import io.cloudscale.core.diagnosis.Diagnosis;
import io.cloudscale.core.diagnosis.History;
import io.cloudscale.playbooks.load.LoadSheddingDiagnosis;
import io.cloudscale.playbooks.load.LoadVerdict;
import io.cloudscale.playbooks.rca.Diagnostician;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "diagnose", description = {"Find the root cause with the platform's probability-ordered RCA tree.",
        "zero-events: the dashboard shows 0 events. Exit 0 healthy pipeline, 1 root cause found, 3 stack unreachable.",
        "load-shedding --from REPORT.json | --live: are failures under load the platform shedding at its limit (429/503, latency rising first, the host up, accepted work done), saturating without shedding, or breaking (other 5xx, timeouts, resets, restarts, lost events)? Names the knee. Exit 0 shedding or within capacity, 1 saturation or breakage, 2 unreadable report.",
        "--confirm CAUSE records what it really was (~/.cloudscale/history.jsonl); later diagnoses check it first."})
public final class DiagnoseCommand implements Callable<Integer> {

    private final Session session;

    @Parameters(paramLabel = "TREE", arity = "0..1", defaultValue = "zero-events", description = "Which diagnosis (default ${DEFAULT-VALUE}).")
    String tree;

    @Option(names = "--window", paramLabel = "DURATION", defaultValue = "10s", description = "How long to watch rates and queue depth (default ${DEFAULT-VALUE}).")
    String window;

    @Option(names = "--explain", description = "Also print priors, posteriors, and why each check ran when it did.")
    boolean explain;

    @Option(names = "--list", description = "List the diagnoses and their causes.")
    boolean list;

    @Option(names = "--confirm", paramLabel = "CAUSE", description = "Record that the cause was CAUSE.")
    String confirm;

    @Option(names = "--from", paramLabel = "REPORT.json", description = "load-shedding: read this report (cloudscale load --save, or -o json).")
    Path from;

    @Option(names = "--live", description = "load-shedding: read the gateway's live traffic over --window instead of a report.")
    boolean live;

    @Option(names = "--p99-bound", paramLabel = "DURATION", defaultValue = "250ms", description = "load-shedding: the p99 a rate must stay under to count as sustained (default ${DEFAULT-VALUE}).")
    String p99Bound;

    public DiagnoseCommand(Session session) {
        this.session = session;
    }

    record CatalogView(List<Diagnostician.TreeInfo> diagnoses) {
    }

    @Override
    public Integer call() throws Exception {
        Diagnostician diagnostician = new Diagnostician(session.dockerHost(), session.project(), session.stackDir(),
                session.context().environment(), session.context().home(), Clock.systemUTC());
        if (list) {
            return list(diagnostician);
        }
        if (LoadSheddingDiagnosis.NAME.equals(tree)) {
            if (confirm != null) {
                throw new CloudscaleException.Usage("load-shedding's verdict is read from the load data: there is no cause to confirm", null);
            }
            return loadShedding();
        }
        if (from != null || live) {
            throw new CloudscaleException.Usage("--from and --live belong to diagnose load-shedding", null);
        }
        if (confirm != null) {
            History.Outcome outcome = diagnostician.confirm(tree, confirm, "confirmed by operator");
            if (session.printer().json()) {
                session.printer().document("diagnosis-confirmed", outcome);
            } else {
                session.printer().line("recorded: %s was %s; the next diagnosis weighs it in".formatted(outcome.tree(), outcome.cause()));
            }
            return ExitCode.HEALTHY.code();
        }
        var duration = Durations.parse(window);
        if (duration.isZero() || duration.toMinutes() > 10) {
            throw new CloudscaleException.Usage("--window must be between 1ms and 10m", null);
        }
        session.printer().progress("diagnosing %s on project %s (watching for %s)...".formatted(tree, session.project(), Durations.format(duration)));
        // the window counts from when the operator asked: starting the tool and connecting are watched through
        java.time.Instant asked = ProcessHandle.current().info().startInstant().orElseGet(java.time.Instant::now);
        Diagnosis diagnosis = diagnostician.diagnose(tree, duration, asked);
        if (session.printer().json()) {
            session.printer().document("diagnosis", diagnosis);
        } else {
            DiagnosisView.render(session.printer(), diagnosis, explain);
        }
        return (diagnosis.verdict().healthy() ? ExitCode.HEALTHY : ExitCode.PROBLEM).code();
    }

    private int loadShedding() throws InterruptedException {
        if ((from != null) == live) {
            throw new CloudscaleException.Usage("diagnose load-shedding reads a report or live traffic: give --from REPORT.json or --live",
                    "make a report with: cloudscale load --ramp 100:1000:100 --save run.json");
        }
        Duration bound = Durations.parse(p99Bound);
        if (bound.isZero()) {
            throw new CloudscaleException.Usage("--p99-bound must be longer than 0", null);
        }
        LoadSheddingDiagnosis diagnosis = new LoadSheddingDiagnosis(session.stackSession());
        LoadSheddingDiagnosis.Result result;
        if (live) {
            Duration duration = Durations.parse(window);
            if (duration.toSeconds() < 2 || duration.toMinutes() > 10) {
                throw new CloudscaleException.Usage("--window must be between 2s and 10m", null);
            }
            session.printer().progress("reading the gateway's traffic on project %s for %s...".formatted(session.project(), Durations.format(duration)));
            result = diagnosis.live(duration, bound);
        } else {
            result = diagnosis.fromFile(from, bound);
        }
        if (session.printer().json()) {
            session.printer().document("load-verdict", result);
        } else {
            LoadVerdictView.render(session.printer(), result);
        }
        return (result.verdict().kind().healthy() ? ExitCode.HEALTHY : ExitCode.PROBLEM).code();
    }

    private int list(Diagnostician diagnostician) {
        List<Diagnostician.TreeInfo> catalog = diagnostician.catalog();
        if (session.printer().json()) {
            session.printer().document("diagnoses", new CatalogView(catalog));
            return 0;
        }
        for (Diagnostician.TreeInfo info : catalog) {
            session.printer().line(session.printer().bold(info.name()) + "  " + info.title());
            for (Cause cause : info.causes()) {
                session.printer().line("  %-24s %4.0f%%  %s".formatted(cause.id(), cause.prior() * 100, cause.title()));
                cause.predictions().forEach(prediction -> session.printer().line("  %-30s predicts %s (%s)".formatted("", prediction.says(), prediction.probe())));
            }
        }
        session.printer().line(session.printer().bold(LoadSheddingDiagnosis.NAME) + "  " + LoadSheddingDiagnosis.TITLE);
        for (LoadVerdict.Kind kind : LoadVerdict.Kind.values()) {
            session.printer().line("  %s".formatted(kind.id()));
        }
        return 0;
    }
}
