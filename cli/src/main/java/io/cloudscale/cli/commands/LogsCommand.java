package io.cloudscale.cli.commands;

import io.cloudscale.cli.Session;
import io.cloudscale.cli.SessionCommand;
import io.cloudscale.cli.render.LogScanView;
import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.ExitCode;
import io.cloudscale.core.config.Target;
import io.cloudscale.probes.kubernetes.KubernetesPlatform;
import io.cloudscale.probes.signals.ServiceLog;
import io.cloudscale.playbooks.TargetPlatform;
import io.cloudscale.probes.docker.DockerEngine;
import io.cloudscale.probes.logs.LogScanReport;
import io.cloudscale.probes.logs.LogScans;
import io.cloudscale.probes.logs.OperatorRegex;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "logs", description = {"A service's logs, through the engine: `logs SERVICE [-f] [--since 10m] [--grep PATTERN]`.",
        "On --target kubernetes: its pod's log, the run before its last restart first (no -f yet), at most 10,000 lines a run.",
        "`logs scan` looks for known failure signatures instead."}, subcommands = LogsCommand.Scan.class)
public final class LogsCommand extends SessionCommand implements Callable<Integer> {

    /** Of each run of a pod's container: a log read whole would hold the process for as long as the pod has logged. */
    static final int MAX_CLUSTER_LINES = 10_000;

    @Parameters(paramLabel = "SERVICE", arity = "0..1", description = "Compose service of the stack, e.g. event-processor.")
    String service;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until interrupted (Ctrl-C).")
    boolean follow;

    @Option(names = "--since", paramLabel = "DURATION", defaultValue = "10m", description = "How far back to start (default ${DEFAULT-VALUE}).")
    Duration since;

    @Option(names = "--grep", paramLabel = "PATTERN", description = "Only lines matching this regular expression.")
    String grep;

    @Override
    public Integer call() throws InterruptedException {
        if (service == null) {
            throw new CloudscaleException.Usage("name a service: cloudscale logs SERVICE (or logs scan SERVICE)", null);
        }
        OperatorRegex filter = grep == null ? null : OperatorRegex.compile(grep, "--grep");
        java.time.Instant from = Clock.systemUTC().instant().minus(since);
        if (session.target() instanceof Target.Kubernetes) {
            return fromCluster(filter, from);
        }
        try (DockerEngine engine = DockerEngine.connect(session.dockerHost())) {
            String container = new io.cloudscale.probes.docker.ComposeServices(engine, session.project()).containerId(service)
                    .orElseThrow(() -> new CloudscaleException.Unreachable("no container for service '" + service + "' in " + session.project(),
                            "see what runs: cloudscale status", null));
            java.util.concurrent.atomic.AtomicLong printed = new java.util.concurrent.atomic.AtomicLong();
            new io.cloudscale.probes.docker.ContainerLogs(engine).stream(container, from, follow, line -> {
                if (filter == null || filter.find(line)) {
                    session.printer().line(line);
                    printed.incrementAndGet();
                }
            });
            return (filter != null && printed.get() == 0 ? ExitCode.PROBLEM : ExitCode.HEALTHY).code();
        }
    }

    /**
     * A service's pod's log since {@code from}: the run before its last restart first (what it said as it crashed), then
     * the run now, each at most {@link #MAX_CLUSTER_LINES} lines (and the run now at most the platform's byte bound).
     */
    private int fromCluster(OperatorRegex filter, java.time.Instant from) {
        if (follow) {
            throw new CloudscaleException.Usage("--follow is not read from a cluster yet",
                    "cloudscale logs " + service + " --since 10m; or kubectl logs -f -l " + KubernetesPlatform.NAME_LABEL + "=" + service);
        }
        ServiceLog log;
        try (TargetPlatform target = session.targetSession().openPlatform()) {
            log = target.reader().recentLog(service, from, MAX_CLUSTER_LINES);
        }
        if (log.source() == null) {
            throw new CloudscaleException.Unreachable("no pod for service '" + service + "' in " + session.target().where(),
                    "see what runs: cloudscale status --target kubernetes", null);
        }
        long printed = 0;
        if (!log.previousRun().isEmpty()) {
            session.printer().progress("-- " + log.source() + ": the run before its last restart --");
            printed += print(log.previousRun(), filter);
            session.printer().progress("-- " + log.source() + ": the run now --");
        }
        printed += print(log.currentRun(), filter);
        return (filter != null && printed == 0 ? ExitCode.PROBLEM : ExitCode.HEALTHY).code();
    }

    private long print(java.util.List<String> lines, OperatorRegex filter) {
        long printed = 0;
        for (String line : lines) {
            if (filter == null || filter.find(line)) {
                session.printer().line(line);
                printed++;
            }
        }
        return printed;
    }

    @Command(name = "scan", description = {"Find known failure signatures in a service's recent logs or in a log file:", "circuit breaker open (Resilience4j, Polly), TLS trust failures, connection refused (with host:port), HTTP 503/429, out of memory. Exit 0 when none is found, 1 when one is."})
    public static final class Scan extends SessionCommand implements Callable<Integer> {

        static final class Source {
            @Parameters(paramLabel = "SERVICE", arity = "1", description = "Compose service of the stack, e.g. event-processor.")
            String service;

            @Option(names = "--file", paramLabel = "PATH", required = true, description = "A log file instead of a container.")
            Path file;
        }

        @ArgGroup(exclusive = true, multiplicity = "1")
        Source source;

        @Option(names = "--since", paramLabel = "DURATION", defaultValue = "10m", description = "How far back to read a service's logs (default ${DEFAULT-VALUE}).")
        Duration since;

        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "20s", description = "Give up reading after this long (default ${DEFAULT-VALUE}).")
        Duration timeout;

        @Override
        public Integer call() throws InterruptedException {
            LogScanReport report;
            if (source.file != null) {
                report = LogScans.file(session.context().workingDirectory().resolve(source.file));
            } else {
                try (TargetPlatform target = session.targetSession().openPlatform()) {
                    report = LogScans.service(target.reader(timeout), source.service, since, Clock.systemUTC());
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
