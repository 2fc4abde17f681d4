package io.cloudscale.probes.signals;

import io.cloudscale.core.Durations;
import io.cloudscale.core.LocalHttp;
import io.cloudscale.core.Status;
import io.cloudscale.core.diagnosis.Evidence;
import io.cloudscale.core.diagnosis.Looks;
import io.cloudscale.core.diagnosis.Observation;
import io.cloudscale.core.diagnosis.Probe;
import io.cloudscale.core.diagnosis.ProbeKey;
import io.cloudscale.core.diagnosis.ProbeSpec;
import io.cloudscale.core.diagnosis.Settled;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ingest throughput at the gateway: nginx stub_status read at the start and at each look after (its own
 * reads subtracted), and the gateway's access log over the same span by status class. It looks each second
 * and stops when the window ends, or earlier when the diagnosis says its answers have settled.
 *
 * @param platform where the gateway's access log is read ({@link #LOG_READ} per read); null: stub_status alone
 */
public record GatewayThroughputProbe(URI statusUrl, Duration window, PlatformReader platform, String gatewayService, Clock clock) implements Probe<Throughput> {

    public static final ProbeKey<Throughput> KEY = ProbeKey.of("gateway-throughput");
    private static final String NAME = KEY.name();

    /** Each access-log read ends within this, well inside the probe's deadline. */
    public static final Duration LOG_READ = Duration.ofSeconds(5);

    @Override
    public ProbeSpec<Throughput> spec() {
        return new ProbeSpec<>(KEY, "requests through the gateway over " + Durations.format(window) + " (stub_status " + statusUrl + ") and its access log", 2 + window.toSeconds(), window.plusSeconds(10));
    }

    /** Looks each second (stub_status and the access log since the first read) until the window ends or the answers settle. */
    @Override
    public Observation<Throughput> observe(Settled settled) throws InterruptedException {
        Looks looks = new Looks(window); // from before the first read: its time is part of the window
        StubStatus first;
        try {
            first = read();
        } catch (IOException e) {
            String error = "gateway does not answer at " + statusUrl + ": " + describe(e);
            return Observation.of(NAME, Status.FAIL, new Throughput(false, 0, 0, window, Map.of(), error),
                    List.of(new Evidence(statusUrl.toString(), clock.instant(), error)));
        }
        Instant firstAt = clock.instant();
        int reads = 0;
        while (true) {
            looks.awaitNext();
            StubStatus second;
            try {
                second = read();
            } catch (IOException e) {
                String error = "gateway stopped answering during the window: " + describe(e);
                return Observation.of(NAME, Status.FAIL, new Throughput(false, 0, 0, window, Map.of(), error),
                        List.of(new Evidence(statusUrl.toString(), clock.instant(), error)));
            }
            reads++;
            if (!looks.over() && settled == Settled.NEVER) {
                continue;
            }
            Observation<Throughput> sofar = between(first, firstAt, second, reads);
            if (looks.over() || settled.test(sofar)) {
                return sofar;
            }
        }
    }

    /** Throughput from the first read to this one, with the access log over the same span. */
    private Observation<Throughput> between(StubStatus first, Instant firstAt, StubStatus second, int reads) {
        List<Evidence> evidence = new ArrayList<>();
        Duration measured = Duration.between(firstAt, clock.instant());
        long requests = Math.max(0, second.requests() - first.requests() - reads); // each of the probe's reads counts itself
        double rate = requests / Math.max(0.001, measured.toMillis() / 1000.0);
        evidence.add(new Evidence(statusUrl.toString(), clock.instant(), "stub_status requests %d -> %d over %s: %.1f req/s from clients"
                .formatted(first.requests(), second.requests(), Durations.format(measured), rate)));
        AccessLogTally tally = platform == null ? null : accessLog(firstAt, measured, evidence);
        Long clientRequests = tally != null && tally.readable() ? tally.requests() : null;
        Throughput throughput = new Throughput(true, rate, requests, measured, tally == null ? Map.of() : tally.classes(), clientRequests, null);
        Status status = throughput.trafficArriving() ? Status.OK : Status.FAIL;
        return Observation.of(NAME, status, throughput, evidence);
    }

    private StubStatus read() throws IOException, InterruptedException {
        HttpResponse<String> response = LocalHttp.client().send(HttpRequest.newBuilder(statusUrl).timeout(Duration.ofSeconds(3)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        try {
            return StubStatus.parse(response.body());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage());
        }
    }

    /** The gateway's access log from the first read on, the probe's own status reads left out; null when it cannot be read. */
    private AccessLogTally accessLog(Instant firstAt, Duration measured, List<Evidence> evidence) {
        AccessLogTally tally = new AccessLogTally(java.util.Set.of(statusUrl.getPath()));
        try {
            platform.recentLog(gatewayService, firstAt.minusSeconds(1), 50_000).lines().forEach(tally::accept);
        } catch (io.cloudscale.core.CloudscaleException.Unreachable e) {
            return null; // stub_status still tells whether traffic arrives
        }
        if (tally.readable()) {
            evidence.add(new Evidence(gatewayService + " access log", clock.instant(), "last %s: %d client requests%s".formatted(
                    Durations.format(measured), tally.requests(), tally.classes().isEmpty() ? "" : ", by status " + tally.classes())));
        }
        return tally;
    }

    private static String describe(Exception e) {
        if (e instanceof java.net.ConnectException) {
            return "connection refused"; // the JDK client leaves the message empty
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
