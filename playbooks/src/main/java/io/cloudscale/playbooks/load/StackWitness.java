package io.cloudscale.playbooks.load;

import io.cloudscale.core.Poll;
import io.cloudscale.stack.lifecycle.PipelineReadings;
import io.cloudscale.probes.signals.ServiceState;
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
public record StackWitness(StackLifecycle lifecycle, String project, Duration drainLimit) {

    /** The dashboard counts every 2 s; a little more, so two reads never see the same count by timing alone. */
    private static final Duration DASHBOARD_REFRESH = Duration.ofMillis(2500);

    /** How long to wait before a test for the dashboard to finish a count of the store. */
    private static final Duration FRESH_COUNT_WAIT = Duration.ofSeconds(30);

    /** @param staleCount why the store's count before the test cannot anchor the accounting, or null when it can */
    public record Before(Map<String, ServiceState> services, PipelineReadings.Reading reading, String staleCount) {
    }

    /**
     * The stack now, with a count of the store made now: a count made a while ago (the dashboard recounts in a
     * loop, slowly on a big store) would take events stored since then for the test's own.
     */
    public Before before() throws InterruptedException {
        Map<String, ServiceState> services = lifecycle.view().services();
        PipelineReadings readings = lifecycle.pipelineReadings(services);
        Instant asked = Instant.now();
        PipelineReadings.Reading reading = Poll.until(readings::read, read -> read.storedCountedAt() == null || !read.storedCountedAt().isBefore(asked),
                DASHBOARD_REFRESH.dividedBy(5), FRESH_COUNT_WAIT).last();
        String stale = reading.storedCountedAt() != null && reading.storedCountedAt().isBefore(asked)
                ? "the store's count was %ds old when the test began (the dashboard counts slowly on a big store): cannot tell whether events were lost"
                        .formatted(Duration.between(reading.storedCountedAt(), asked).toSeconds())
                : null;
        return new Before(services, reading, stale);
    }

    /** Waits (up to the drain limit) for the queue to empty, then accounts for the accepted events. */
    public StackObservation after(Before before, long accepted) throws InterruptedException {
        Map<String, ServiceState> services = lifecycle.view().services();
        List<StackObservation.Restart> restarts = restarts(before.services(), services);
        PipelineReadings readings = lifecycle.pipelineReadings(services);
        PipelineReadings.Reading first = before.reading();
        Drain drain = drained(readings, first, accepted);
        PipelineReadings.Reading last = drain.last();
        String unread = before.staleCount() != null ? before.staleCount() : unread(first, last);
        if (unread == null && !drain.settled()) {
            unread = drain.why();
        }
        if (unread != null) {
            return new StackObservation(project, restarts, accepted, null, null, null, null, unread);
        }
        long stored = last.storedEvents() - first.storedEvents();
        long deadLettered = last.deadLettered() - first.deadLettered();
        long queued = last.queueDepth() - first.queueDepth();
        long arrived = stored + deadLettered + queued;
        String note = arrived > accepted ? (arrived - accepted) + " more events arrived than this test saw accepted: requests it gave up on (timeouts) that the API took after all, or other clients" : null;
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

    /** The last reading, and whether it can be trusted to account for the test (else why not). */
    private record Drain(PipelineReadings.Reading last, boolean settled, String why) {
    }

    private Drain drained(PipelineReadings readings, PipelineReadings.Reading first, long accepted) throws InterruptedException {
        DrainWatch watch = new DrainWatch(first, accepted);
        Poll.Result<Drain> result = Poll.until(() -> watch.look(readings.read()), drain -> drain != null, DASHBOARD_REFRESH, drainLimit);
        return result.held() ? result.last() : watch.notSettled(drainLimit);
    }

    /** Follows the readings after a test until they account for it: null from {@link #look} while they cannot tell yet. */
    private static final class DrainWatch {
        private final PipelineReadings.Reading first;
        private final long accepted;
        private Instant drainedAt;
        private PipelineReadings.Reading fresh;
        private PipelineReadings.Reading last;

        DrainWatch(PipelineReadings.Reading first, long accepted) {
            this.first = first;
            this.accepted = accepted;
        }

        Drain look(PipelineReadings.Reading reading) {
            last = reading;
            if (unread(first, last) != null) {
                return new Drain(last, false, null);
            }
            long accounted = last.storedEvents() - first.storedEvents() + last.deadLettered() - first.deadLettered();
            if (accounted >= accepted) {
                return new Drain(last, true, null);
            }
            if (drainedAt == null && last.queueDepth() <= first.queueDepth()) {
                drainedAt = last.at();
            }
            // the queue is back where it was; the processor may still hold what it had fetched, so wait for two
            // counts of the store made after that moment to agree: nothing more is coming
            if (drainedAt != null && counted(last, drainedAt)) {
                if (fresh != null && fresh.storedEvents().equals(last.storedEvents()) && fresh.deadLettered().equals(last.deadLettered())
                        && countedAt(last).isAfter(countedAt(fresh))) {
                    return new Drain(last, true, null);
                }
                fresh = last;
            }
            return null;
        }

        Drain notSettled(Duration drainLimit) {
            return new Drain(last, false, drainedAt == null
                    ? "the queue had not drained after %ds (%d ready): cannot tell yet whether events were lost".formatted(drainLimit.toSeconds(), last.queueDepth())
                    : "the store was last counted at %s, before the queue drained: too slow a count to tell whether events were lost".formatted(countedAt(last)));
        }
    }

    /** The store was counted after the moment (readings without a count time are taken as counted when read). */
    private static boolean counted(PipelineReadings.Reading reading, Instant moment) {
        return countedAt(reading).isAfter(moment);
    }

    private static Instant countedAt(PipelineReadings.Reading reading) {
        return reading.storedCountedAt() == null ? reading.at() : reading.storedCountedAt();
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
