package io.cloudscale.core.diagnosis;

import io.cloudscale.core.action.JournalEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A problem verdict, then a fix the journal recorded as applied, then a healthy verdict: the
 * problem was what the first verdict said. That confirmed outcome is what the history learns.
 */
public final class FixConfirmation {

    public static final String SOURCE = "fix followed by a healthy run";

    private FixConfirmation() {
    }

    public static Optional<History.Outcome> of(Optional<LastVerdict.Entry> previous, Diagnosis.Verdict now, List<JournalEntry> journal,
                                               String tree, Instant time) {
        if (previous.isEmpty() || previous.get().healthy() || !now.healthy() || !now.complete()) {
            return Optional.empty();
        }
        Instant problemSeen = previous.get().time();
        boolean fixedSince = journal.stream().anyMatch(entry -> entry.changedSomething() && entry.time().isAfter(problemSeen));
        return fixedSince ? Optional.of(new History.Outcome(time, tree, previous.get().cause(), SOURCE)) : Optional.empty();
    }
}
