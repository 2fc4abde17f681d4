package io.cloudscale.probes.signals;

import io.cloudscale.core.Durations;
import io.cloudscale.core.Status;
import io.cloudscale.core.diagnosis.Evidence;
import io.cloudscale.core.diagnosis.Observation;
import io.cloudscale.core.diagnosis.Probe;
import io.cloudscale.core.diagnosis.ProbeKey;
import io.cloudscale.core.diagnosis.ProbeSpec;
import io.cloudscale.core.diagnosis.Settled;
import io.cloudscale.probes.logs.LogScanReport;
import io.cloudscale.probes.logs.LogScans;
import io.cloudscale.probes.logs.SignatureMatch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Known failure signatures in one service's recent log, read through the platform's reader (a container's, a pod's).
 *
 * @param platform reads the log within its own deadline, which must be under this probe's
 */
public record LogSignatureProbe(PlatformReader platform, String service, Duration window, Clock clock) implements Probe<LogScanReport> {

    /** The probe's deadline: a log read must end before it ({@link #LOG_READ} for compose's engine). */
    private static final Duration DEADLINE = Duration.ofSeconds(15);
    public static final Duration LOG_READ = DEADLINE.minusSeconds(2);

    /** The probe of one service's logs. */
    public static ProbeKey<LogScanReport> keyFor(String service) {
        return ProbeKey.of(service + "-logs");
    }

    @Override
    public ProbeSpec<LogScanReport> spec() {
        return new ProbeSpec<>(keyFor(service), "failure signatures in " + service + "'s logs of the last " + Durations.format(window), 3, DEADLINE);
    }

    @Override
    public Observation<LogScanReport> observe(Settled settled) throws InterruptedException {
        LogScanReport report = LogScans.service(platform, service, window, clock);
        List<Evidence> evidence = report.matches().stream().map(match -> evidence(match)).toList();
        return Observation.of(name(), report.anyFound() ? Status.FAIL : Status.OK, report,
                evidence.isEmpty() ? List.of(new Evidence(report.source(), clock.instant(), report.linesRead() + " lines, no known failure signature"))
                        : evidence);
    }

    private Evidence evidence(SignatureMatch match) {
        String names = match.details().isEmpty() ? "" : " (" + String.join(", ", match.details()) + ")";
        return new Evidence(service + " logs", match.lastSeen() == null ? clock.instant() : match.lastSeen(),
                "%s x%d%s: %s".formatted(match.signature(), match.count(), names, match.samples().getFirst()));
    }
}
