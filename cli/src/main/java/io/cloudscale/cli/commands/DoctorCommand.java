package io.cloudscale.cli.commands;

import io.cloudscale.cli.Session;
import io.cloudscale.cli.SessionCommand;
import io.cloudscale.cli.render.CheckReportView;
import io.cloudscale.core.ExitCode;
import io.cloudscale.core.check.CheckReport;
import io.cloudscale.stack.setup.SetupPurpose;
import java.util.concurrent.Callable;

@picocli.CommandLine.Command(name = "doctor",
        description = {"Check this machine for what `cloudscale up` needs.",
                "Java, Docker engine, Compose, free host ports (8080, 8081, 8082), disk space.",
                "With --fix, installs and starts what is missing, as `cloudscale setup` does.",
                "Exit 1 when something blocks `up`."})
public final class DoctorCommand extends SessionCommand implements Callable<Integer> {

    @picocli.CommandLine.Option(names = "--fix", description = "Make the machine ready: the same as `cloudscale setup`.")
    boolean fix;

    @picocli.CommandLine.Option(names = {"-y", "--yes"}, description = "With --fix: apply without asking (required when stdin is not a terminal).")
    boolean yes;

    @picocli.CommandLine.Option(names = "--dry-run", description = "With --fix: show the plan, change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        if (fix) {
            return new SetupWorkflow(session).run(SetupPurpose.STACK, yes, dryRun);
        }
        CheckReport report = session.environmentDoctor().examine();
        if (session.printer().json()) {
            session.printer().document("doctor", report);
        } else {
            CheckReportView.render(session.printer(), report);
        }
        return (report.blocking() ? ExitCode.PROBLEM : ExitCode.HEALTHY).code();
    }
}
