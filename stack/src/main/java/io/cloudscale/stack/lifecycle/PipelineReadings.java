package io.cloudscale.stack.lifecycle;

import io.cloudscale.probes.signals.ServiceState;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudscale.core.Failures;
import io.cloudscale.core.LocalHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One look at the pipeline from the host: the gateway's request counter (nginx stub_status) and the
 * dashboard's summary (stored events, rate, queue depth, dead letters, circuit). A part that does not
 * answer is named in {@code unreachable}, never read as zero.
 */
public record PipelineReadings(URI gatewayStatus, URI dashboardSummary, Clock clock) {

    /** Two readings of the gateway's request counter this far apart give its rate when its log cannot. */
    private static final Duration STUB_STATUS_SAMPLE = Duration.ofSeconds(1);
    /** stub_status's third line: accepts handled requests. */
    private static final Pattern REQUESTS = Pattern.compile("^\\s*\\d+\\s+\\d+\\s+(\\d+)\\s*$", Pattern.MULTILINE);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param storedCountedAt when the dashboard last finished counting the store (a scan, slower than its
     *                        refresh on a big store): a count taken before a moment says nothing about it
     */
    public record Reading(Instant at, Long gatewayRequests, Long storedEvents, Instant storedCountedAt, Double storedPerMinute,
                          Long queueDepth, Long deadLettered, String circuit, Map<String, String> unreachable) {

        /** Requests per second through the gateway between an earlier reading and this one. */
        public Optional<Double> ingestPerSecond(Reading earlier) {
            if (earlier == null || earlier.gatewayRequests() == null || gatewayRequests == null) {
                return Optional.empty();
            }
            double seconds = Duration.between(earlier.at(), at).toMillis() / 1000.0;
            // each reading is itself one request through the gateway
            long requests = Math.max(0, gatewayRequests - earlier.gatewayRequests() - 1);
            return seconds <= 0 ? Optional.empty() : Optional.of(requests / seconds);
        }
    }

    /** From the ports the running gateway and dashboard publish; either may be null when that service is not up. */
    public static PipelineReadings of(Map<String, ServiceState> services, String statusPath, Clock clock) {
        return at(hostPort(services.get("gateway"), 8080).orElse(null), hostPort(services.get("dashboard"), 8080).orElse(null), statusPath, clock);
    }

    /** At these host ports of the gateway and the dashboard; a null port: that service is not up. */
    public static PipelineReadings at(String gatewayPort, String dashboardPort, String statusPath, Clock clock) {
        return new PipelineReadings(gatewayPort == null ? null : URI.create("http://127.0.0.1:" + gatewayPort + statusPath),
                dashboardPort == null ? null : URI.create("http://127.0.0.1:" + dashboardPort + "/summary"), clock);
    }

    /** True when both read the same endpoints. */
    public boolean sameEndpoints(PipelineReadings other) {
        return java.util.Objects.equals(gatewayStatus, other.gatewayStatus) && java.util.Objects.equals(dashboardSummary, other.dashboardSummary);
    }

    static Optional<String> hostPort(ServiceState state, int containerPort) {
        if (state == null || !state.running()) {
            return Optional.empty();
        }
        return state.ports().stream().filter(port -> port.endsWith("->" + containerPort))
                .map(port -> port.substring(0, port.indexOf("->"))).findFirst();
    }

    /**
     * The gateway's ingest rate from its counter alone: read again a second after {@code first} (its own request
     * subtracted). Empty when either reading has no count.
     */
    public Optional<Double> ingestAfter(Reading first) throws InterruptedException {
        Duration wait = Duration.between(clock.instant(), first.at().plus(STUB_STATUS_SAMPLE));
        if (wait.isPositive()) {
            Thread.sleep(wait);
        }
        return read().ingestPerSecond(first);
    }

    public Reading read() {
        Map<String, String> unreachable = new TreeMap<>();
        Instant at = clock.instant();
        Long requests = null;
        if (gatewayStatus == null) {
            unreachable.put("gateway", "not running");
        } else {
            try {
                Matcher matcher = REQUESTS.matcher(get(gatewayStatus));
                if (matcher.find()) {
                    requests = Long.parseLong(matcher.group(1));
                } else {
                    unreachable.put("gateway", gatewayStatus + " is not nginx stub_status");
                }
            } catch (Exception e) {
                unreachable.put("gateway", Failures.describe(e));
            }
        }
        JsonNode summary = null;
        if (dashboardSummary == null) {
            unreachable.put("dashboard", "not running");
        } else {
            try {
                summary = JSON.readTree(get(dashboardSummary));
                summary.path("errors").properties().forEach(error -> unreachable.put(error.getKey(), error.getValue().asText()));
            } catch (Exception e) {
                unreachable.put("dashboard", Failures.describe(e));
            }
        }
        return new Reading(at, requests, longOrNull(summary, "storedEvents"), instantOrNull(summary, "storedCountedAt"),
                doubleOrNull(summary, "storedPerMinute"),
                longOrNull(summary, "queueDepth"), longOrNull(summary, "deadLettered"),
                summary == null || summary.path("circuit").isNull() ? null : summary.path("circuit").asText(null), unreachable);
    }

    private String get(URI uri) throws Exception {
        HttpResponse<String> response = LocalHttp.client().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode());
        }
        return response.body();
    }

    private static Long longOrNull(JsonNode node, String field) {
        return node == null || !node.path(field).isNumber() ? null : node.path(field).asLong();
    }

    private static Instant instantOrNull(JsonNode node, String field) {
        try {
            return node == null || !node.path(field).isTextual() ? null : Instant.parse(node.path(field).asText());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static Double doubleOrNull(JsonNode node, String field) {
        return node == null || !node.path(field).isNumber() ? null : node.path(field).asDouble();
    }
}
