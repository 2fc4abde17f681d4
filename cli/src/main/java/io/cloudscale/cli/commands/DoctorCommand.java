package io.cloudscale.cli.commands;

import io.cloudscale.cli.Session;
import io.cloudscale.cli.render.CheckReportView;
import io.cloudscale.core.ExitCode;
import io.cloudscale.core.check.CheckReport;
import io.cloudscale.probes.host.PortBindTest;
import io.cloudscale.probes.process.CommandRunner;
import io.cloudscale.stack.StackPorts;
import io.cloudscale.stack.compose.ComposeLocator;
import io.cloudscale.stack.doctor.EnvironmentDoctor;
import java.util.concurrent.Callable;

@picocli.CommandLine.Command(name = "doctor",
        description = {"Check this machine for what `cloudscale up` needs.",
                "Java, Docker engine, Compose, free host ports (8080, 8081, 8082), disk space.",
                "Exit 1 when something blocks `up`."})
public final class DoctorCommand implements Callable<Integer> {

    private final Session session;

    public DoctorCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        EnvironmentDoctor doctor = new EnvironmentDoctor(session.dockerHost(), session.project(),
                StackPorts.DEFAULT_HOST_PORTS, new ComposeLocator(new CommandRunner()), new PortBindTest());
        CheckReport report = doctor.examine();
        if (session.printer().json()) {
            session.printer().document("doctor", report);
        } else {
            CheckReportView.render(session.printer(), report);
        }
        return (report.blocking() ? ExitCode.PROBLEM : ExitCode.HEALTHY).code();
    }
}
