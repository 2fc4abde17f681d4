package io.cloudscale.probes.signals;

import io.cloudscale.core.Durations;
import io.cloudscale.core.Status;
import io.cloudscale.core.diagnosis.Evidence;
import io.cloudscale.core.diagnosis.Looks;
import io.cloudscale.core.diagnosis.Observation;
import io.cloudscale.core.diagnosis.Probe;
import io.cloudscale.core.diagnosis.ProbeKey;
import io.cloudscale.core.diagnosis.ProbeSpec;
import io.cloudscale.core.diagnosis.Settled;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Active, dead-letter and scheduled counts sampled at both ends of a window, and their trend. */
public record QueueDepthProbe(QueueBackend backend, Duration window, Clock clock) implements Probe<QueueDepth> {

    public static final ProbeKey<QueueDepth> KEY = ProbeKey.of("queue-depth");
    private static final String NAME = KEY.name();

    @Override
    public ProbeSpec<QueueDepth> spec() {
        return new ProbeSpec<>(KEY, backend.describe() + " depth over " + Durations.format(window), 2 + window.toSeconds(), window.plusSeconds(10));
    }

    /**
     * Looks each second until the window ends or the answers settle; the depth is read at the first look, the
     * middle one and the last, so "growing" means it rose at each of three looks spread over the span.
     */
    @Override
    public Observation<QueueDepth> observe(Settled settled) throws Exception {
        Looks looks = new Looks(window); // from before the first read: its time is part of the window
        List<QueueCounts> samples = new ArrayList<>();
        Instant firstAt;
        try {
            samples.add(backend.sample());
            firstAt = clock.instant();
            while (true) {
                looks.awaitNext();
                samples.add(backend.sample());
                Observation<QueueDepth> sofar = depth(samples, firstAt);
                if (looks.over() || settled.test(sofar)) {
                    return sofar;
                }
            }
        } catch (BadAnswer e) {
            // reachable but unreadable: a problem with the queue's server, not an environment that is not there
            return Observation.unreadable(NAME, Status.FAIL, e.getMessage());
        }
    }

    private Observation<QueueDepth> depth(List<QueueCounts> samples, Instant firstAt) {
        QueueCounts first = samples.getFirst();
        QueueCounts last = samples.getLast();
        QueueCounts middle = samples.size() >= 3 ? samples.get(samples.size() / 2) : null;
        QueueDepth depth = new QueueDepth(backend.describe(), first, middle, last, Duration.between(firstAt, clock.instant()));
        String text = "active %d -> %s%d (%+d), dead-letter %d -> %d (%+d)%s%s over %s".formatted(
                first.active(), middle == null ? "" : middle.active() + " -> ", last.active(), depth.activeDelta(), first.deadLetter(),
                last.deadLetter(), depth.deadLetterDelta(),
                last.scheduled() == null ? "" : ", scheduled " + last.scheduled(),
                last.consumers() == null ? "" : ", consumers " + last.consumers(), Durations.format(depth.window()));
        Status status = depth.growing() || depth.deadLettersGrowing() ? Status.WARN : Status.OK;
        return Observation.of(NAME, status, depth, List.of(new Evidence(backend.describe(), clock.instant(), text)));
    }
}
