package io.cloudscale.probes.signals;

import io.cloudscale.core.Durations;
import io.cloudscale.core.Status;
import io.cloudscale.core.diagnosis.Evidence;
import io.cloudscale.core.diagnosis.Observation;
import io.cloudscale.core.diagnosis.Probe;
import io.cloudscale.probes.docker.DockerEngine;
import io.cloudscale.probes.logs.LogScanReport;
import io.cloudscale.probes.logs.LogScans;
import io.cloudscale.probes.logs.SignatureMatch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Known failure signatures in one service's recent container logs. */
public final class LogSignatureProbe implements Probe<LogScanReport> {

    private final DockerEngine engine;
    private final String project;
    private final String service;
    private final Duration window;
    private final Clock clock;

    public LogSignatureProbe(DockerEngine engine, String project, String service, Duration window, Clock clock) {
        this.engine = engine;
        this.project = project;
        this.service = service;
        this.window = window;
        this.clock = clock;
    }

    public static String nameFor(String service) {
        return service + "-logs";
    }

    @Override
    public String name() {
        return nameFor(service);
    }

    @Override
    public String description() {
        return "failure signatures in " + service + "'s logs of the last " + Durations.format(window);
    }

    @Override
    public double cost() {
        return 3;
    }

    @Override
    public Duration deadline() {
        return Duration.ofSeconds(15);
    }

    @Override
    public Observation<LogScanReport> observe() throws InterruptedException {
        Instant start = clock.instant();
        LogScanReport report = LogScans.service(engine, project, service, window, deadline().minusSeconds(2), clock);
        List<Evidence> evidence = report.matches().stream().map(match -> evidence(match)).toList();
        return Observation.of(name(), report.anyFound() ? Status.FAIL : Status.OK, report,
                evidence.isEmpty() ? List.of(new Evidence(report.source(), clock.instant(), report.linesRead() + " lines, no known failure signature"))
                        : evidence, Duration.between(start, clock.instant()));
    }

    private Evidence evidence(SignatureMatch match) {
        String names = match.details().isEmpty() ? "" : " (" + String.join(", ", match.details()) + ")";
        return new Evidence(service + " logs", match.lastSeen() == null ? clock.instant() : match.lastSeen(),
                "%s x%d%s: %s".formatted(match.signature(), match.count(), names, match.samples().getFirst()));
    }
}
