package io.cloudscale.cli.commands;

import io.cloudscale.cli.Session;
import io.cloudscale.cli.SessionCommand;
import io.cloudscale.cli.render.DrillView;
import io.cloudscale.cli.render.Printer;
import io.cloudscale.cli.render.StartupProgressView;
import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.ExitCode;
import io.cloudscale.core.config.Target;
import io.cloudscale.playbooks.drill.DrillReport;
import io.cloudscale.playbooks.drill.DrillResult;
import io.cloudscale.playbooks.drill.DrillRunner;
import io.cloudscale.playbooks.drill.Drills;
import io.cloudscale.playbooks.drill.Fault;
import io.cloudscale.playbooks.drill.FaultCatalog;
import io.cloudscale.stack.images.BuildProgress;
import io.cloudscale.stack.lifecycle.StackLifecycle;
import io.cloudscale.stack.lifecycle.StackProfile;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "drill", description = {"Game days as a command: cause each fault of the RCA tree in the running stack, diagnose it, check the verdict names it, undo it.",
        "Brings the stack up first when it is not running and healthy (building the offline images where their inputs changed), and keeps clients sending events throughout. For each fault: inject, wait for the dashboard to stop counting, run the zero-events diagnosis (the zombie port claim: up's preflight), compare, restore, check the stack is healthy and counting again. Drills break the stack on purpose; the offline store keeps its data in memory and store-down empties it. Exit 0 when every verdict matched and every restore left the stack healthy, 1 otherwise, 2 a fault name unknown, 3 no engine."})
public final class DrillCommand extends SessionCommand implements Callable<Integer>, OffersSetup {

    @Parameters(paramLabel = "FAULT", arity = "0..*", description = "Faults to drill, by name or by the cause they produce (see --list).")
    List<String> faults = List.of();

    @Option(names = "--all", description = "Drill every fault, in catalog order.")
    boolean all;

    @Option(names = "--list", description = "List the faults and the cause each must be diagnosed as.")
    boolean list;

    @Option(names = "--profile", paramLabel = "PROFILE", description = "offline or azure-emulators (default: the running stack's, else offline, which needs no registry).")
    String profile;

    @Option(names = "--keep", description = "Leave the last fault in place for a person to explore.")
    boolean keep;

    @Option(names = "--window", paramLabel = "DURATION", defaultValue = "10s", description = "The diagnosis's window for rates and queue trends (default ${DEFAULT-VALUE}).")
    Duration window;

    @Override
    public Integer call() throws Exception {
        if (session.target() instanceof Target.Kubernetes && !list) {
            refuseOnCluster();
        }
        Printer printer = session.printer();
        Drills drills = new Drills(session.stackSession());
        if (list) {
            if (printer.json()) {
                printer.document("drill-faults", drills.catalog().all().stream().map(fault -> new FaultView(fault.id(), fault.expected(), fault.description())).toList());
            } else {
                DrillView.catalog(printer, drills.catalog().all());
            }
            return ExitCode.HEALTHY.code();
        }
        if (all == !faults.isEmpty()) {
            throw new CloudscaleException.Usage(all ? "name faults or give --all, not both" : "name the faults to drill, or --all",
                    "cloudscale drill --list");
        }
        List<Fault> chosen = all ? drills.catalog().all() : drills.catalog().select(faults);
        Duration diagnosisWindow = window;
        if (diagnosisWindow.toSeconds() < 2 || diagnosisWindow.toMinutes() > 2) {
            throw new CloudscaleException.Usage("--window must be between 2s and 2m", null);
        }
        StackProfile asked = profile == null ? null : StackProfile.parse(profile);
        DrillReport report = drills.run(chosen, asked, keep, diagnosisWindow, preparation(printer), listener(printer, chosen.size()));
        if (printer.json()) {
            printer.document("drill", report);
        } else {
            DrillView.render(printer, report);
        }
        return (report.passed() ? ExitCode.HEALTHY : ExitCode.PROBLEM).code();
    }

    /** A fault of compose alone says so by name; the others wait for the zero-events diagnosis on a cluster. */
    private void refuseOnCluster() {
        for (Fault fault : faults.isEmpty() ? List.<Fault>of() : new FaultCatalog().select(faults)) {
            if (fault.composeOnly() != null) {
                throw new CloudscaleException.Usage(fault.id() + " is a fault of the compose target only: " + fault.composeOnly(),
                        "drill it with --target compose");
            }
        }
        throw new CloudscaleException.Usage("drill on the kubernetes target is not built yet: its faults are there (KubernetesActions), not the drill that causes, diagnoses and undoes them on a cluster",
                "use --target compose; cloudscale config shows the target");
    }

    record FaultView(String fault, String expected, String description) {
    }

    private Drills.Preparation preparation(Printer printer) {
        StartupProgressView startup = new StartupProgressView(printer, session.context().err(), session.context().stderrIsTerminal());
        BuildProgress images = StackCommand.progress(printer, session.options().verbosity());
        return new Drills.Preparation() {
            @Override
            public BuildProgress images() {
                return images;
            }

            @Override
            public StackLifecycle.StartupListener startup() {
                return startup::update;
            }

            @Override
            public void note(String message) {
                printer.progress(message);
            }
        };
    }

    private static DrillRunner.Listener listener(Printer printer, int total) {
        return new DrillRunner.Listener() {
            private int done;

            @Override
            public void step(String fault, String message) {
                printer.progress("[%d/%d] %s: %s".formatted(Math.min(done + 1, total), total, fault, message));
            }

            @Override
            public void finished(DrillResult result) {
                done++;
                printer.progress("[%d/%d] %s: %s %s -> %s%s".formatted(done, total, result.fault(), result.match() ? "matched" : "MISMATCH",
                        result.expected(), result.diagnosed() == null ? "no verdict" : result.diagnosed(),
                        result.restored() == null ? ", kept" : result.restored() ? ", restored" : ", NOT restored: " + result.restoreDetail()));
            }
        };
    }
}
