package io.cloudscale.stack.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** `status`: one row per service and the pipeline's figures when reachable. */
public record StackStatus(String project, String profile, List<Row> services, Pipeline pipeline) {

    public record Row(String service, String state, String health, int restarts, Duration uptime, List<String> ports) {
        static Row of(ServiceState state, Instant now) {
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

    public static StackStatus of(String project, StackProfile profile, Map<String, ServiceState> states, PipelineReadings readings,
                                 Duration sampleWindow, Instant now) throws InterruptedException {
        List<Row> rows = states.values().stream().map(state -> Row.of(state, now)).toList();
        Pipeline pipeline = null;
        if (!states.isEmpty()) {
            PipelineReadings.Reading first = readings.read();
            Thread.sleep(sampleWindow.toMillis());
            PipelineReadings.Reading second = readings.read();
            pipeline = new Pipeline(second.ingestPerSecond(first).orElse(null), second.storedEvents(), second.storedPerMinute(),
                    second.queueDepth(), second.deadLettered(), second.circuit(), second.unreachable());
        }
        return new StackStatus(project, profile == null ? null : profile.id(), rows, pipeline);
    }
}
