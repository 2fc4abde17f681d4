package io.cloudscale.probes.signals;

import io.cloudscale.core.Durations;
import io.cloudscale.core.Status;
import io.cloudscale.core.diagnosis.Evidence;
import io.cloudscale.core.diagnosis.Observation;
import io.cloudscale.core.diagnosis.Probe;
import io.cloudscale.probes.docker.ComposeServices;
import io.cloudscale.probes.docker.ContainerLogs;
import io.cloudscale.probes.docker.DockerEngine;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ingest throughput at the gateway: nginx stub_status sampled at both ends of a window (its own two
 * reads subtracted), and the gateway's access log over the same window by status class.
 */
public final class GatewayThroughputProbe implements Probe<Throughput> {

    public static final String NAME = "gateway-throughput";

    private final URI statusUrl;
    private final Duration window;
    private final DockerEngine engine;
    private final String project;
    private final String gatewayService;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public GatewayThroughputProbe(URI statusUrl, Duration window, DockerEngine engine, String project, String gatewayService, Clock clock) {
        this.statusUrl = statusUrl;
        this.window = window;
        this.engine = engine;
        this.project = project;
        this.gatewayService = gatewayService;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "requests through the gateway over " + Durations.format(window) + " (stub_status " + statusUrl + ") and its access log";
    }

    @Override
    public double cost() {
        return 2 + window.toSeconds();
    }

    @Override
    public Duration deadline() {
        return window.plusSeconds(10);
    }

    @Override
    public Observation<Throughput> observe() throws InterruptedException {
        Instant start = clock.instant();
        List<Evidence> evidence = new ArrayList<>();
        StubStatus first;
        try {
            first = read();
        } catch (IOException e) {
            String error = "gateway does not answer at " + statusUrl + ": " + describe(e);
            evidence.add(new Evidence(statusUrl.toString(), clock.instant(), error));
            return Observation.of(NAME, Status.FAIL, new Throughput(false, 0, 0, window, Map.of(), error), evidence,
                    Duration.between(start, clock.instant()));
        }
        Instant firstAt = clock.instant();
        Thread.sleep(window);
        StubStatus second;
        try {
            second = read();
        } catch (IOException e) {
            String error = "gateway stopped answering during the window: " + describe(e);
            evidence.add(new Evidence(statusUrl.toString(), clock.instant(), error));
            return Observation.of(NAME, Status.FAIL, new Throughput(false, 0, 0, window, Map.of(), error), evidence,
                    Duration.between(start, clock.instant()));
        }
        Duration measured = Duration.between(firstAt, clock.instant());
        long requests = Math.max(0, second.requests() - first.requests() - 1); // the second read counts itself
        double rate = requests / Math.max(0.001, measured.toMillis() / 1000.0);
        evidence.add(new Evidence(statusUrl.toString(), clock.instant(), "stub_status requests %d -> %d over %s: %.1f req/s from clients"
                .formatted(first.requests(), second.requests(), Durations.format(measured), rate)));
        AccessLogTally tally = accessLog(evidence);
        Long clientRequests = tally != null && tally.readable() ? tally.requests() : null;
        Throughput throughput = new Throughput(true, rate, requests, measured, tally == null ? Map.of() : tally.classes(), clientRequests, null);
        Status status = throughput.trafficArriving() ? Status.OK : Status.FAIL;
        return Observation.of(NAME, status, throughput, evidence, Duration.between(start, clock.instant()));
    }

    private StubStatus read() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(statusUrl).timeout(Duration.ofSeconds(3)).GET().build(),
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

    /** The gateway's access log over the window, the probe's own status reads left out; null when there is none to read. */
    private AccessLogTally accessLog(List<Evidence> evidence) throws InterruptedException {
        if (engine == null) {
            return null;
        }
        var container = new ComposeServices(engine, project).container(gatewayService);
        if (container.isEmpty()) {
            return null;
        }
        AccessLogTally tally = new AccessLogTally(java.util.Set.of(statusUrl.getPath()));
        new ContainerLogs(engine).read(container.get().getId(), clock.instant().minus(window).minusSeconds(1), 50_000,
                Duration.ofSeconds(5), tally::accept);
        if (tally.readable()) {
            evidence.add(new Evidence(gatewayService + " access log", clock.instant(), "last %s: %d client requests%s".formatted(
                    Durations.format(window), tally.requests(), tally.classes().isEmpty() ? "" : ", by status " + tally.classes())));
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
