package io.cloudscale.cli.commands;

import io.cloudscale.cli.Session;
import io.cloudscale.cli.SessionCommand;
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
import io.cloudscale.playbooks.rca.ZeroEventsTree;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "diagnose", description = {"Find the root cause with the platform's probability-ordered RCA tree.",
        "zero-events (the default): the dashboard shows 0 events. Exit 0 healthy pipeline, 1 root cause found, 3 stack unreachable.",
        "load-shedding --from REPORT.json | --live: are failures under load the platform shedding at its limit (429/503, latency rising first, the host up, accepted work done), saturating without shedding, or breaking (other 5xx, timeouts, resets, restarts, lost events)? Names the knee. Exit 0 shedding or within capacity, 1 saturation or breakage, 2 unreadable report.",
        "--confirm CAUSE records what it really was (~/.cloudscale/history.jsonl); later diagnoses check it first."},
        subcommands = {DiagnoseCommand.ZeroEvents.class, DiagnoseCommand.LoadShedding.class})
public final class DiagnoseCommand extends SessionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ZeroEventsOptions zeroEvents;

    @Option(names = "--list", description = "List the diagnoses and their causes.")
    boolean list;

    record CatalogView(List<Diagnostician.TreeInfo> diagnoses) {
    }

    /** True when the operator gave this option before the subcommand's name (`diagnose --window 5s zero-events`). */
    boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** A subcommand's --window: given after its name, else given before it, else the subcommand's default. */
    Duration windowFor(CommandSpec subcommand, Duration subcommandsWindow) {
        return subcommand.commandLine().getParseResult().hasMatchedOption("--window") || !given("--window") ? subcommandsWindow : zeroEvents.window;
    }

    /** What `diagnose` and `diagnose zero-events` take alike, on either side of the subcommand's name. */
    static final class ZeroEventsOptions {
        @Option(names = "--window", paramLabel = "DURATION", defaultValue = "10s", description = "How long to watch rates and queue depth (default ${DEFAULT-VALUE}).")
        Duration window;

        @Option(names = "--explain", description = "Also print priors, posteriors, and why each check ran when it did.")
        boolean explain;

        @Option(names = "--confirm", paramLabel = "CAUSE", description = "Record that the cause was CAUSE.")
        String confirm;

        /** These, with what was given before the subcommand's name where they were not given after it. */
        ZeroEventsOptions orParents(DiagnoseCommand parent, CommandSpec own) {
            ZeroEventsOptions merged = new ZeroEventsOptions();
            merged.window = parent.windowFor(own, window);
            merged.explain = explain || parent.zeroEvents.explain;
            merged.confirm = confirm != null ? confirm : parent.zeroEvents.confirm;
            return merged;
        }
    }

    @Override
    public Integer call() throws Exception {
        Diagnostician diagnostician = new Diagnostician(session.targetSession());
        return list ? list(diagnostician) : zeroEvents(session, diagnostician, zeroEvents);
    }

    private static int zeroEvents(Session session, Diagnostician diagnostician, ZeroEventsOptions options) throws Exception {
        if (options.confirm != null) {
            History.Outcome outcome = diagnostician.confirm(ZeroEventsTree.NAME, options.confirm, "confirmed by operator");
            if (session.printer().json()) {
                session.printer().document("diagnosis-confirmed", outcome);
            } else {
                session.printer().line("recorded: %s was %s; the next diagnosis weighs it in".formatted(outcome.tree(), outcome.cause()));
            }
            return ExitCode.HEALTHY.code();
        }
        Duration window = options.window;
        if (window.isZero() || window.toMinutes() > 10) {
            throw new CloudscaleException.Usage("--window must be between 1ms and 10m", null);
        }
        session.printer().progress("diagnosing %s on %s (watching for %s)...".formatted(ZeroEventsTree.NAME, session.target().where(), Durations.format(window)));
        // the window counts from when the operator asked: starting the tool and connecting are watched through
        java.time.Instant asked = ProcessHandle.current().info().startInstant().orElseGet(java.time.Instant::now);
        Diagnosis diagnosis = diagnostician.diagnose(ZeroEventsTree.NAME, window, asked);
        if (session.printer().json()) {
            session.printer().document("diagnosis", diagnosis);
        } else {
            DiagnosisView.render(session.printer(), diagnosis, options.explain);
        }
        return (diagnosis.verdict().healthy() ? ExitCode.HEALTHY : ExitCode.PROBLEM).code();
    }

    @Command(name = ZeroEventsTree.NAME, description = {"The dashboard shows 0 events: walk the platform's tree over a window of live probes.",
            "Exit 0 healthy pipeline, 1 root cause found or unexplained, 3 stack unreachable."})
    public static final class ZeroEvents extends SessionCommand implements Callable<Integer> {

        @ParentCommand
        DiagnoseCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        ZeroEventsOptions options;

        @Override
        public Integer call() throws Exception {
            return zeroEvents(session, new Diagnostician(session.targetSession()), options.orParents(parent, spec));
        }
    }

    @Command(name = LoadSheddingDiagnosis.NAME, description = {"Are failures under load the platform shedding at its limit, saturating, or breaking?",
            "Reads a load report (--from) or the gateway's live traffic (--live). Exit 0 shedding or within capacity, 1 saturation or breakage, 2 unreadable report."})
    public static final class LoadShedding extends SessionCommand implements Callable<Integer> {

        static final class Source {
            @Option(names = "--from", paramLabel = "REPORT.json", required = true, description = "Read this report (cloudscale load --save, or -o json).")
            Path from;

            @Option(names = "--live", required = true, description = "Read the gateway's live traffic over --window instead of a report.")
            boolean live;
        }

        @ParentCommand
        DiagnoseCommand parent;

        @Spec
        CommandSpec spec;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Source source;

        @Option(names = "--window", paramLabel = "DURATION", defaultValue = "10s", description = "--live: how long to read the traffic (default ${DEFAULT-VALUE}).")
        Duration window;

        @Option(names = "--p99-bound", paramLabel = "DURATION", defaultValue = "250ms", description = "The p99 a rate must stay under to count as sustained (default ${DEFAULT-VALUE}).")
        Duration p99Bound;

        @Override
        public Integer call() throws InterruptedException {
            if (parent.given("--confirm")) {
                throw new CloudscaleException.Usage("load-shedding's verdict is read from the load data: there is no cause to confirm", null);
            }
            Duration window = parent.windowFor(spec, this.window);
            if (p99Bound.isZero()) {
                throw new CloudscaleException.Usage("--p99-bound must be longer than 0", null);
            }
            LoadSheddingDiagnosis diagnosis = new LoadSheddingDiagnosis(session.stackSession());
            LoadSheddingDiagnosis.Result result;
            if (source.live) {
                if (window.toSeconds() < 2 || window.toMinutes() > 10) {
                    throw new CloudscaleException.Usage("--window must be between 2s and 10m", null);
                }
                session.printer().progress("reading the gateway's traffic on project %s for %s...".formatted(session.project(), Durations.format(window)));
                result = diagnosis.live(window, p99Bound);
            } else {
                result = diagnosis.fromFile(source.from, p99Bound);
            }
            if (session.printer().json()) {
                session.printer().document("load-verdict", result);
            } else {
                LoadVerdictView.render(session.printer(), result);
            }
            return (result.verdict().kind().healthy() ? ExitCode.HEALTHY : ExitCode.PROBLEM).code();
        }
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
