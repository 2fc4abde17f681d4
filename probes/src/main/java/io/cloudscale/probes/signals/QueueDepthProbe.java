package io.cloudscale.probes.signals;

import io.cloudscale.core.Durations;
import io.cloudscale.core.Status;
import io.cloudscale.core.diagnosis.Evidence;
import io.cloudscale.core.diagnosis.Observation;
import io.cloudscale.core.diagnosis.Probe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Active, dead-letter and scheduled counts sampled at both ends of a window, and their trend. */
public final class QueueDepthProbe implements Probe<QueueDepth> {

    public static final String NAME = "queue-depth";

    private final QueueBackend backend;
    private final Duration window;
    private final Clock clock;

    public QueueDepthProbe(QueueBackend backend, Duration window, Clock clock) {
        this.backend = backend;
        this.window = window;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return backend.describe() + " depth over " + Durations.format(window);
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
    public Observation<QueueDepth> observe() throws Exception {
        Instant start = clock.instant();
        QueueCounts first;
        QueueCounts middle;
        QueueCounts last;
        Instant firstAt;
        try {
            first = backend.sample();
            firstAt = clock.instant();
            Thread.sleep(window.dividedBy(2));
            middle = backend.sample();
            Thread.sleep(window.dividedBy(2));
            last = backend.sample();
        } catch (BadAnswer e) {
            // reachable but unreadable: a problem with the queue's server, not an environment that is not there
            return new Observation<>(NAME, Status.FAIL, null, List.of(), Duration.between(start, clock.instant()), e.getMessage());
        }
        QueueDepth depth = new QueueDepth(backend.describe(), first, middle, last, Duration.between(firstAt, clock.instant()));
        String text = "active %d -> %d -> %d (%+d), dead-letter %d -> %d (%+d)%s%s over %s".formatted(
                first.active(), middle.active(), last.active(), depth.activeDelta(), first.deadLetter(), last.deadLetter(), depth.deadLetterDelta(),
                last.scheduled() == null ? "" : ", scheduled " + last.scheduled(),
                last.consumers() == null ? "" : ", consumers " + last.consumers(), Durations.format(depth.window()));
        Status status = depth.growing() || depth.deadLettersGrowing() ? Status.WARN : Status.OK;
        return Observation.of(NAME, status, depth, List.of(new Evidence(backend.describe(), clock.instant(), text)),
                Duration.between(start, clock.instant()));
    }
}
