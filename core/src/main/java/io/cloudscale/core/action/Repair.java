package io.cloudscale.core.action;

import io.cloudscale.core.Failures;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * One repair in the journal: its steps, each written as intent before it acts and as result after, then
 * closed by {@link #close}. Whatever kills the run in between, the journal names the step in flight.
 */
public final class Repair {

    /** What one step did: {@code changed} is false when there was nothing left to do (it was done already). */
    public record Done(boolean ok, boolean changed, String result) {
    }

    private final Journal journal;
    private final Clock clock;
    private final String id;
    private final String command;
    private int steps;

    Repair(Journal journal, Clock clock, String id, String command) {
        this.journal = journal;
        this.clock = clock;
        this.id = id;
        this.command = command;
    }

    public String id() {
        return id;
    }

    /** Journals the intent, applies the action, journals the result with the evidence {@code after} gives then. */
    public Done apply(Action action, Supplier<List<String>> after) {
        String step = id + "/" + ++steps;
        journal.append(new JournalEntry(clock.instant(), command, id, step, JournalEntry.Phase.BEGIN, action.kind(), action.target(),
                action.reason(), action.evidence(), null, action.description(), null, action.undo()));
        Done done;
        try {
            Action.Outcome outcome = action.apply();
            done = new Done(true, outcome.changed(), outcome.detail());
        } catch (Exception e) {
            done = new Done(false, false, "failed: " + Failures.describe(e));
        }
        journal.append(new JournalEntry(clock.instant(), command, id, step, JournalEntry.Phase.END, action.kind(), action.target(),
                null, null, done.ok(), done.result(), after.get(), null));
        return done;
    }

    /** Closes the repair with its verification: after this line the repair is not reported as unfinished. */
    public void close(String action, String target, String why, boolean ok, String result, List<String> after) {
        journal.append(new JournalEntry(clock.instant(), command, id, null, JournalEntry.Phase.END, action, target, why, null, ok, result, after, null));
    }
}
