package io.cloudscale.playbooks.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Live traffic as the gateway saw it: its JSON access log ({@code "time"}, {@code "uri"}, {@code "status"},
 * {@code "request_time"}), one window per second, made into a load report the analyst reads like a test's.
 * Whoever sends the load (cloudscale load, wrk, real clients), the gateway sees it; what it cannot see is a
 * client's own timeouts and refused connections.
 */
public final class GatewayTraffic {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<String> ignoredPaths;
    private final String ingestPath;
    private final TreeMap<Long, Second> seconds = new TreeMap<>();
    private long acceptedEvents;

    private static final class Second {
        final long[] outcomes = new long[Outcome.values().length];
        final Histogram latency = new Histogram(LoadRecorder.HIGHEST_MICROS, 3);
    }

    /** @param ignoredPaths the tool's and the healthchecks' own requests, which are not load */
    public GatewayTraffic(Set<String> ignoredPaths, String ingestPath) {
        this.ignoredPaths = Set.copyOf(ignoredPaths);
        this.ingestPath = ingestPath;
    }

    /** One access-log line; anything that is not one (nginx's error log shares the stream) is passed over. */
    public void accept(String line) {
        int brace = line.indexOf('{');
        if (brace < 0) {
            return;
        }
        JsonNode entry;
        try {
            entry = JSON.readTree(line.substring(brace));
        } catch (Exception e) {
            return;
        }
        if (!entry.path("status").canConvertToInt() || !entry.path("time").isTextual()) {
            return;
        }
        String uri = entry.path("uri").asText("");
        String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        if (ignoredPaths.contains(path)) {
            return;
        }
        long second;
        try {
            second = OffsetDateTime.parse(entry.path("time").asText()).toEpochSecond();
        } catch (DateTimeParseException e) {
            return;
        }
        Outcome outcome = Outcome.of(entry.path("status").asInt());
        Second bucket = seconds.computeIfAbsent(second, s -> new Second());
        bucket.outcomes[outcome.ordinal()]++;
        bucket.latency.recordValue(Math.min(LoadRecorder.HIGHEST_MICROS, Math.round(entry.path("request_time").asDouble() * 1e6)));
        if (outcome == Outcome.ACCEPTED && path.equals(ingestPath)) {
            acceptedEvents++;
        }
    }

    /** Events the gateway answered 2xx at the ingestion path: what the stack must account for. */
    public long acceptedEvents() {
        return acceptedEvents;
    }

    /** The seconds from {@code from} (inclusive) to {@code to} (exclusive) as a report; quiet seconds count as empty. */
    public LoadReport report(String target, Instant from, Instant to) {
        List<SecondSample> timeline = new ArrayList<>();
        Histogram all = new Histogram(LoadRecorder.HIGHEST_MICROS, 3);
        StatusCounts totals = StatusCounts.NONE;
        Second quiet = new Second();
        for (long second = from.getEpochSecond(); second < to.getEpochSecond(); second++) {
            Second bucket = seconds.getOrDefault(second, quiet);
            StatusCounts counts = StatusCounts.of(bucket.outcomes);
            timeline.add(new SecondSample(second - from.getEpochSecond() + 1, 1, counts.total(), counts.total(), 0, counts, Latency.of(bucket.latency)));
            all.add(bucket.latency);
            totals = totals.plus(counts);
        }
        double length = Math.max(1, to.getEpochSecond() - from.getEpochSecond());
        StageReport whole = new StageReport(LoadTest.round(totals.total() / length), length, totals.total(), 0,
                LoadTest.round(totals.total() / length), LoadTest.round(totals.accepted() / length), totals,
                totals.successRatio(), Latency.of(all));
        return new LoadReport(target, 0, 0, 0, 0, from, length, totals.total(), 0, totals, Latency.of(all), List.of(whole), timeline, null);
    }
}
