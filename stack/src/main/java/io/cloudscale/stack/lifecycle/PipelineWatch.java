package io.cloudscale.stack.lifecycle;

import io.cloudscale.probes.signals.ServiceState;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The live view's model: each tick reads the pipeline once and turns readings into rates — requests per
 * second at the gateway with their outcomes, events stored per minute, the queue's trend — plus the
 * services' states. Knows nothing of terminals.
 */
public final class PipelineWatch {

    static final int TREND_LENGTH = 30;

    /** One refresh of the view. */
    public record Frame(PipelineReadings.Reading reading, Double ingestPerSecond, GatewayStatusTally.Counts outcomesPerTick,
                        Duration tick, List<Long> queueTrend, @JsonIgnore Map<String, ServiceState> services) {

        /** The services as the `watch` document has always shown them (docs/json.md). */
        @JsonProperty("services")
        Map<String, WatchedService> servicesShown() {
            Map<String, WatchedService> shown = new LinkedHashMap<>();
            services.forEach((name, state) -> shown.put(name, WatchedService.of(state)));
            return shown;
        }

        public double perSecond(long count) {
            return tick.isZero() ? 0 : count * 1000.0 / tick.toMillis();
        }

        /** Share of answered requests that were not 2xx/3xx, over the last tick. */
        public Double errorRate() {
            if (outcomesPerTick == null || outcomesPerTick.total() == 0) {
                return null;
            }
            return (outcomesPerTick.total() - outcomesPerTick.ok()) / (double) outcomesPerTick.total();
        }
    }

    /** A service in a `watch` document: its fields and their order are the document's (docs/json.md, kind `watch`). */
    record WatchedService(String service, String containerId, String containerName, String state, String health,
                          Integer exitCode, int restarts, java.time.Instant startedAt, List<String> ports, List<String> networks) {

        static WatchedService of(ServiceState state) {
            return new WatchedService(state.service(), state.containerId(), state.container(), state.state(), state.health(),
                    state.reportedExitCode(),
                    state.restarts(), state.startedAt(), state.ports(), state.networks());
        }
    }

    private final PipelineReadings readings;
    private final GatewayStatusTally tally;
    private final java.util.function.Supplier<Map<String, ServiceState>> services;
    private final Deque<Long> queue = new ArrayDeque<>();
    private PipelineReadings.Reading previous;
    private GatewayStatusTally.Counts previousCounts;

    public PipelineWatch(PipelineReadings readings, GatewayStatusTally tally, java.util.function.Supplier<Map<String, ServiceState>> services) {
        this.readings = readings;
        this.tally = tally;
        this.services = services;
    }

    public Frame tick() {
        PipelineReadings.Reading reading = readings.read();
        GatewayStatusTally.Counts counts = tally.counts();
        Duration tick = previous == null ? Duration.ZERO : Duration.between(previous.at(), reading.at());
        Double ingest = reading.ingestPerSecond(previous).orElse(null);
        GatewayStatusTally.Counts outcomes = previousCounts == null ? null : counts.minus(previousCounts);
        if (reading.queueDepth() != null) {
            queue.addLast(reading.queueDepth());
            while (queue.size() > TREND_LENGTH) {
                queue.removeFirst();
            }
        }
        previous = reading;
        previousCounts = counts;
        return new Frame(reading, ingest, outcomes, tick, List.copyOf(queue), services.get());
    }

    /** A sparkline of the queue's depth, oldest first, scaled to its own maximum. */
    public static String sparkline(List<Long> values) {
        String bars = "▁▂▃▄▅▆▇█";
        long max = values.stream().mapToLong(Long::longValue).max().orElse(0);
        StringBuilder line = new StringBuilder();
        for (long value : values) {
            line.append(max == 0 ? bars.charAt(0) : bars.charAt((int) Math.min(bars.length() - 1, value * (bars.length() - 1) / max)));
        }
        return line.toString();
    }
}
