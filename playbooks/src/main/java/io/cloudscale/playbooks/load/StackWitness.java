package io.cloudscale.playbooks.load;

import io.cloudscale.stack.lifecycle.PipelineReadings;
import io.cloudscale.stack.lifecycle.ServiceState;
import io.cloudscale.stack.lifecycle.StackLifecycle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Looks at the stack before and after a load test: which containers did not stay up, and whether every event
 * the test got a 202 for reached the store, the dead-letter queue, or is still queued. Those are the
 * breakage signs the load generator cannot see from the client side.
 */
public final class StackWitness {

    /** The dashboard counts every 2 s; a little more, so two reads never see the same count by timing alone. */
    private static final Duration DASHBOARD_REFRESH = Duration.ofMillis(2500);

    private final StackLifecycle lifecycle;
    private final String project;
    private final Duration drainLimit;

    public record Before(Map<String, ServiceState> services, PipelineReadings.Reading reading) {
    }

    public StackWitness(StackLifecycle lifecycle, String project, Duration drainLimit) {
        this.lifecycle = lifecycle;
        this.project = project;
        this.drainLimit = drainLimit;
    }

    public Before before() {
        Map<String, ServiceState> services = lifecycle.view().services();
        return new Before(services, lifecycle.pipelineReadings(services).read());
    }

    /** Waits (up to the drain limit) for the queue to empty, then accounts for the accepted events. */
    public StackObservation after(Before before, long accepted) throws InterruptedException {
        Map<String, ServiceState> services = lifecycle.view().services();
        List<StackObservation.Restart> restarts = restarts(before.services(), services);
        PipelineReadings readings = lifecycle.pipelineReadings(services);
        PipelineReadings.Reading first = before.reading();
        PipelineReadings.Reading last = drained(readings, first, accepted);
        String unread = unread(first, last);
        if (unread != null) {
            return new StackObservation(project, restarts, accepted, null, null, null, null, unread);
        }
        long stored = last.storedEvents() - first.storedEvents();
        long deadLettered = last.deadLettered() - first.deadLettered();
        long queued = last.queueDepth() - first.queueDepth();
        long arrived = stored + deadLettered + queued;
        String note = arrived > accepted ? (arrived - accepted) + " more events arrived than this test had accepted: other clients were sending too" : null;
        return new StackObservation(project, restarts, accepted, stored, deadLettered, queued, Math.max(0, accepted - arrived), note);
    }

    static List<StackObservation.Restart> restarts(Map<String, ServiceState> before, Map<String, ServiceState> after) {
        List<StackObservation.Restart> restarts = new ArrayList<>();
        before.forEach((service, was) -> {
            ServiceState now = after.get(service);
            String how = null;
            if (now == null) {
                how = "its container is gone";
            } else if (!Objects.equals(was.containerId(), now.containerId())) {
                how = "re-created";
            } else if (!now.running()) {
                how = "now " + now.describe();
            } else if (now.restarts() > was.restarts()) {
                how = "restarted " + (now.restarts() - was.restarts()) + " time(s)";
            } else if (!Objects.equals(was.startedAt(), now.startedAt())) {
                how = "started again at " + now.startedAt();
            }
            if (how != null && was.running()) {
                restarts.add(new StackObservation.Restart(service, how));
            }
        });
        return restarts;
    }

    private PipelineReadings.Reading drained(PipelineReadings readings, PipelineReadings.Reading first, long accepted) throws InterruptedException {
        Instant deadline = Instant.now().plus(drainLimit);
        PipelineReadings.Reading previous = null;
        PipelineReadings.Reading last = readings.read();
        while (Instant.now().isBefore(deadline) && unread(first, last) == null && !settled(first, previous, last, accepted)) {
            Thread.sleep(DASHBOARD_REFRESH.toMillis());
            previous = last;
            last = readings.read();
        }
        return last;
    }

    /**
     * Every accepted event accounted for; or the queue is back where it was and the counts stood still over one
     * refresh of the dashboard (nothing more will arrive).
     */
    private static boolean settled(PipelineReadings.Reading first, PipelineReadings.Reading previous, PipelineReadings.Reading last, long accepted) {
        long accounted = last.storedEvents() - first.storedEvents() + last.deadLettered() - first.deadLettered();
        if (accounted >= accepted) {
            return true;
        }
        return previous != null && last.queueDepth() <= first.queueDepth()
                && Objects.equals(previous.storedEvents(), last.storedEvents()) && Objects.equals(previous.deadLettered(), last.deadLettered());
    }

    private static String unread(PipelineReadings.Reading first, PipelineReadings.Reading last) {
        for (PipelineReadings.Reading reading : List.of(first, last)) {
            if (reading.storedEvents() == null || reading.deadLettered() == null || reading.queueDepth() == null) {
                return "the dashboard could not count events " + (reading == first ? "before" : "after") + " the test: " + reading.unreachable();
            }
        }
        return null;
    }
}
