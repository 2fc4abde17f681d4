package io.cloudscale.playbooks.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.json.Json;
import io.cloudscale.playbooks.StackSession;
import io.cloudscale.probes.docker.ContainerLogs;
import io.cloudscale.stack.endpoints.StackEndpoints;
import io.cloudscale.probes.signals.ServiceState;
import io.cloudscale.stack.lifecycle.StackLifecycle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * {@code cloudscale diagnose load-shedding}: the verdict on a recorded load report, or on the gateway's live
 * traffic over a window (with the stack's restarts and lost events over the same window).
 */
public final class LoadSheddingDiagnosis {

    public static final String NAME = "load-shedding";
    public static final String TITLE = "failures under load: shedding at the limit, saturation, or breakage (reads cloudscale load's report, or live traffic)";

    private static final ObjectMapper READER = Json.mapper().copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final StackSession session;

    public LoadSheddingDiagnosis(StackSession session) {
        this.session = session;
    }

    /** The report and its verdict, together: the verdict's figures are only as good as what they were read from. */
    public record Result(String source, LoadVerdict verdict, LoadReport report) {
    }

    public Result fromFile(Path file, Duration p99Bound) {
        return new Result(file.toString(), LoadSheddingAnalyst.decide(read(file), p99Bound), null);
    }

    /** A load report as `load -o json` or `load --save` wrote it (the envelope), or the bare report. */
    static LoadReport read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new CloudscaleException.Usage("no such file: " + file, "write one with cloudscale load --save FILE");
        } catch (IOException e) {
            throw new CloudscaleException.Usage("cannot read " + file + ": " + e.getMessage(), null);
        }
        try {
            JsonNode root = READER.readTree(text);
            if (root == null || !root.isObject()) {
                throw new CloudscaleException.Usage(file + " is not a cloudscale load report (not a JSON object)", "write one with cloudscale load --save FILE");
            }
            if (root.has("kind")) {
                if (!"load".equals(root.path("kind").asText())) {
                    throw new CloudscaleException.Usage(file + " is a cloudscale '" + root.path("kind").asText() + "' document, not a load report",
                            "write one with cloudscale load --save FILE");
                }
                if (!Json.SCHEMA.equals(root.path("schema").asText())) {
                    throw new CloudscaleException.Usage(file + " has schema '" + root.path("schema").asText() + "'; this cloudscale reads " + Json.SCHEMA, null);
                }
                root = root.path("data");
            }
            if (!root.path("stages").isArray() || !root.path("timeline").isArray() || !root.path("totals").isObject()) {
                throw new CloudscaleException.Usage(file + " is not a cloudscale load report (no stages, timeline or totals)", "write one with cloudscale load --save FILE");
            }
            LoadReport report = READER.treeToValue(root, LoadReport.class);
            String missing = missing(report);
            if (missing != null) {
                throw new CloudscaleException.Usage(file + " is not a complete load report: it has no " + missing,
                        "write one with cloudscale load --save FILE");
            }
            return report;
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new CloudscaleException.Usage("%s%s is not a readable load report: %s".formatted(file,
                    where == null ? "" : ":" + where.getLineNr() + ":" + where.getColumnNr(), firstClause(e.getOriginalMessage())), null);
        }
    }

    /** The first figure the verdict needs that the report lacks (Jackson leaves a missing object null), or null. */
    private static String missing(LoadReport report) {
        if (report.totals() == null || report.latency() == null) {
            return report.totals() == null ? "totals" : "latency";
        }
        for (int i = 0; i < report.stages().size(); i++) {
            StageReport stage = report.stages().get(i);
            if (stage.counts() == null || stage.latency() == null) {
                return "stages[%d].%s".formatted(i, stage.counts() == null ? "counts" : "latency");
            }
        }
        for (int i = 0; i < report.timeline().size(); i++) {
            SecondSample second = report.timeline().get(i);
            if (second.counts() == null || second.latency() == null) {
                return "timeline[%d].%s".formatted(i, second.counts() == null ? "counts" : "latency");
            }
        }
        return null;
    }

    /** Jackson's message without the parser's own locations, which the file:line:column already gives. */
    private static String firstClause(String message) {
        String first = message.lines().findFirst().orElse(message);
        int location = first.indexOf(" (for ");
        return location > 0 ? first.substring(0, location) : first;
    }

    /** Watches the gateway for the window, then reads its traffic second by second. */
    public Result live(Duration window, Duration p99Bound) throws InterruptedException {
        StackEndpoints endpoints = session.endpoints();
        String project = session.project();
        Clock clock = session.clock();
        try (StackLifecycle lifecycle = session.lifecycle()) {
            ServiceState gateway = lifecycle.runningServices().get(StackEndpoints.GATEWAY);
            if (gateway == null || !gateway.running()) {
                throw new CloudscaleException.Unreachable("the gateway of " + project + " is not running: there is no live traffic to read",
                        "cloudscale status", null);
            }
            StackWitness witness = new StackWitness(lifecycle, project, Loads.DRAIN_LIMIT);
            StackWitness.Before before = witness.before();
            // whole seconds: the access log's clock has a resolution of one second
            Instant from = Instant.ofEpochSecond(clock.instant().getEpochSecond() + 1);
            Instant to = from.plus(window);
            Thread.sleep(Math.max(0, Duration.between(clock.instant(), to).toMillis() + 1000));
            GatewayTraffic traffic = new GatewayTraffic(Set.of(endpoints.gatewayStatus().getPath(), "/health"), endpoints.ingest().getPath());
            new ContainerLogs(lifecycle.engine()).read(gateway.containerId(), from.minusSeconds(1), Integer.MAX_VALUE, Duration.ofSeconds(30), traffic::accept);
            LoadReport report = traffic.report(endpoints.ingest().toString(), from, to);
            report = report.withStack(witness.after(before, traffic.acceptedEvents()));
            return new Result("live traffic at the gateway of " + project, LoadSheddingAnalyst.decide(report, p99Bound), report);
        }
    }
}
