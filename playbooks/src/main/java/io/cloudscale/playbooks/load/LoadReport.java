package io.cloudscale.playbooks.load;

import java.time.Instant;
import java.util.List;

/**
 * A whole load test: the plan's target, each rate held, every second of it, and (when the target was this
 * stack) what the stack went through. Written by {@code cloudscale load -o json}, read back by
 * {@code cloudscale diagnose load-shedding --from}.
 *
 * @param warmupSeconds  sent at the first rate before the test, and not counted
 * @param warmupAccepted 2xx answers during the warm-up: events the stack must account for all the same
 * @param stack null when the target was not the stack's own gateway, or its engine could not be asked
 */
public record LoadReport(String target, int connections, long timeoutMillis, double warmupSeconds, long warmupAccepted, Instant startedAt, double seconds,
                         long sent, long unsent, StatusCounts totals, Latency latency, List<StageReport> stages,
                         List<SecondSample> timeline, StackObservation stack) {

    public LoadReport {
        stages = List.copyOf(stages);
        timeline = List.copyOf(timeline);
    }

    public LoadReport withStack(StackObservation observed) {
        return new LoadReport(target, connections, timeoutMillis, warmupSeconds, warmupAccepted, startedAt, seconds, sent, unsent, totals, latency, stages, timeline, observed);
    }
}
