package io.cloudscale.cli.commands;

import io.cloudscale.cli.Session;
import io.cloudscale.cli.render.LogScanView;
import io.cloudscale.core.Durations;
import io.cloudscale.core.ExitCode;
import io.cloudscale.probes.docker.DockerEngine;
import io.cloudscale.probes.logs.LogScanReport;
import io.cloudscale.probes.logs.LogScans;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "logs", description = "Read the stack's logs.", subcommands = LogsCommand.Scan.class)
public final class LogsCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "say `logs scan SERVICE` or `logs scan --file PATH`");
    }

    @Command(name = "scan", description = {"Find known failure signatures in a service's recent logs or in a log file:",
            "circuit breaker open (Resilience4j, Polly), TLS trust failures, connection refused (with host:port),",
            "HTTP 503/429, out of memory. Exit 0 when none is found, 1 when one is."})
    public static final class Scan implements Callable<Integer> {

        static final class Source {
            @Parameters(paramLabel = "SERVICE", arity = "1", description = "Compose service of the stack, e.g. event-processor.")
            String service;

            @Option(names = "--file", paramLabel = "PATH", required = true, description = "A log file instead of a container.")
            Path file;
        }

        private final Session session;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Source source;

        @Option(names = "--since", paramLabel = "DURATION", defaultValue = "10m", description = "How far back to read a service's logs (default ${DEFAULT-VALUE}).")
        String since;

        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "20s", description = "Give up reading after this long (default ${DEFAULT-VALUE}).")
        String timeout;

        public Scan(Session session) {
            this.session = session;
        }

        @Override
        public Integer call() throws InterruptedException {
            LogScanReport report;
            if (source.file != null) {
                report = LogScans.file(session.context().workingDirectory().resolve(source.file));
            } else {
                Duration window = Durations.parse(since);
                Duration limit = Durations.parse(timeout);
                try (DockerEngine engine = DockerEngine.connect(session.dockerHost())) {
                    report = LogScans.service(engine, session.project(), source.service, window, limit, Clock.systemUTC());
                }
            }
            if (session.printer().json()) {
                session.printer().document("log-scan", report);
            } else {
                LogScanView.render(session.printer(), report);
            }
            return (report.anyFound() ? ExitCode.PROBLEM : ExitCode.HEALTHY).code();
        }
    }
}
