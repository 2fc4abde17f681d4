package io.cloudscale.stack.lifecycle;

import io.cloudscale.probes.signals.ServiceState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** `status`: one row per service and the pipeline's figures when reachable. */
public record StackStatus(String project, String profile, List<Row> services, Pipeline pipeline) {

    public record Row(String service, String state, String health, int restarts, Duration uptime, List<String> ports) {
        public static Row of(ServiceState state, Instant now) {
            Duration uptime = state.running() && state.startedAt() != null ? Duration.between(state.startedAt(), now) : null;
            return new Row(state.service(), state.state(), state.health(), state.restarts(), uptime, state.ports());
        }

        public boolean ok() {
            return "running".equals(state) && (health == null || "healthy".equals(health));
        }
    }

    public record Pipeline(Double ingestPerSecond, Long storedEvents, Double storedPerMinute, Long queueDepth,
                           Long deadLettered, String circuit, Map<String, String> unreachable) {
    }

    public boolean running() {
        return !services.isEmpty();
    }

    public boolean healthy() {
        return running() && services.stream().allMatch(Row::ok);
    }

    /** @param ingestPerSecond client requests per second at the gateway, null when it cannot be told */
    public static StackStatus of(String project, StackProfile profile, Map<String, ServiceState> states, PipelineReadings.Reading reading,
                                 Double ingestPerSecond, Instant now) {
        List<Row> rows = states.values().stream().map(state -> Row.of(state, now)).toList();
        Pipeline pipeline = reading == null ? null : new Pipeline(ingestPerSecond, reading.storedEvents(), reading.storedPerMinute(),
                reading.queueDepth(), reading.deadLettered(), reading.circuit(), reading.unreachable());
        return new StackStatus(project, profile == null ? null : profile.id(), rows, pipeline);
    }
}
