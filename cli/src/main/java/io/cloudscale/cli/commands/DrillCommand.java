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
        "Compose: brings the stack up first when it is not running and healthy (building the offline images where their inputs changed). Kubernetes (--target kubernetes): acts on the stack rolled out in the namespace (cloudscale up --target kubernetes brings it there); a service is stopped by scaling its Deployment to 0 and back, a setting changed by patching its Deployment's env (every pod replaced) and rolling it back; the clients and the dashboard's count go through port-forwards. The faults a cluster cannot have (a frozen container, a network cut, a host port: see --list) are refused by name and skipped by --all, each with why.",
        "Clients send events throughout. For each fault: inject, wait for the dashboard to stop counting, run the zero-events diagnosis (the zombie port claim: up's preflight), compare, restore (always, even when a wait or the diagnosis failed), check the stack is healthy and counting again. Drills break the stack on purpose; the offline store keeps its data in memory and store-down empties it. Exit 0 when every verdict matched and every restore left the stack healthy, 1 otherwise, 2 a fault name unknown or of compose alone on a cluster, 3 no engine or no API server."})
public final class DrillCommand extends SessionCommand implements Callable<Integer>, OffersSetup {

    @Parameters(paramLabel = "FAULT", arity = "0..*", description = "Faults to drill, by name or by the cause they produce (see --list).")
    List<String> faults = List.of();

    @Option(names = "--all", description = "Drill every fault, in catalog order.")
    boolean all;

    @Option(names = "--list", description = "List the faults and the cause each must be diagnosed as.")
    boolean list;

    @Option(names = "--profile", paramLabel = "PROFILE", description = "offline or azure-emulators (default: the running stack's, else offline, which needs no registry). Compose only.")
    String profile;

    @Option(names = "--keep", description = "Leave the last fault in place for a person to explore (compose only: `up` puts it right).")
    boolean keep;

    @Option(names = "--window", paramLabel = "DURATION", defaultValue = "10s", description = "The diagnosis's window for rates and queue trends (default ${DEFAULT-VALUE}).")
    Duration window;

    @Override
    public Integer call() throws Exception {
        Printer printer = session.printer();
        boolean onCluster = session.target() instanceof Target.Kubernetes;
        FaultCatalog catalog = new FaultCatalog();
        if (list) {
            if (printer.json()) {
                printer.document("drill-faults", catalog.all().stream()
                        .map(fault -> new FaultView(fault.id(), fault.expected(), fault.description(), fault.composeOnly())).toList());
            } else {
                DrillView.catalog(printer, catalog.all());
            }
            return ExitCode.HEALTHY.code();
        }
        if (all == !faults.isEmpty()) {
            throw new CloudscaleException.Usage(all ? "name faults or give --all, not both" : "name the faults to drill, or --all",
                    "cloudscale drill --list");
        }
        List<Fault> chosen = all ? catalog.all() : catalog.select(faults);
        if (onCluster && !all) {
            FaultCatalog.requireOnCluster(chosen);
        }
        if (onCluster && profile != null) {
            throw new CloudscaleException.Usage("--profile picks a compose profile; on the kubernetes target the drill acts on what is rolled out",
                    "drop --profile, or use --target compose");
        }
        if (onCluster && keep) {
            // compose's `up` puts a kept fault right; on a cluster the roll-back to the template read before the change
            // lives only in this run, and re-applying the manifests would leave the drill's own changes in place
            throw new CloudscaleException.Usage("--keep leaves a fault only this run could undo on a cluster: the drill on the kubernetes target always restores",
                    "drop --keep, or keep a fault on the compose target");
        }
        Duration diagnosisWindow = window;
        if (diagnosisWindow.toSeconds() < 2 || diagnosisWindow.toMinutes() > 2) {
            throw new CloudscaleException.Usage("--window must be between 2s and 2m", null);
        }
        StackProfile asked = profile == null ? null : StackProfile.parse(profile);
        Drills drills = new Drills(onCluster ? session.targetSession() : session.stackSession());
        DrillReport report = drills.run(chosen, asked, keep, diagnosisWindow, preparation(printer), listener(printer));
        if (printer.json()) {
            printer.document("drill", report);
        } else {
            DrillView.render(printer, report);
        }
        return (report.passed() ? ExitCode.HEALTHY : ExitCode.PROBLEM).code();
    }

    /** {@code composeOnly}: why the fault runs on the compose target alone; null when a cluster can have it too. */
    record FaultView(String fault, String expected, String description, String composeOnly) {
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

    private static DrillRunner.Listener listener(Printer printer) {
        return new DrillRunner.Listener() {
            private int done;
            private int total;

            @Override
            public void running(int faults) {
                total = faults;
            }

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
