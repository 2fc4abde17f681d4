package io.cloudscale.playbooks.drill;

import io.cloudscale.core.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The dashboard's count of stored events and when it took it. The dashboard recounts the store on its own schedule,
 * slower on a big store (a count is a scan), so two readings may show the same count: only a count taken later than
 * another says how the store changed between them.
 *
 * @param countedAt null when the dashboard does not say: each reading is then taken for a new count
 */
public record DashboardCount(long events, Instant countedAt) {

    /** Whether this count was taken after {@code earlier} (always, when either does not say when). */
    public boolean recountedSince(DashboardCount earlier) {
        return countedAt == null || earlier.countedAt() == null || countedAt.isAfter(earlier.countedAt());
    }

    /** "N, counted 12s ago" for a person reading why a wait ended. */
    public String describe(Clock clock) {
        if (countedAt == null) {
            return String.valueOf(events);
        }
        Duration age = Duration.between(countedAt, clock.instant());
        return events + ", counted " + (age.toSeconds() < 1 ? "just now" : Durations.format(age.withNanos(0)) + " ago");
    }
}
