package io.cloudscale.core.action;

import io.cloudscale.core.json.JsonLines;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The fix journal (~/.cloudscale/journal.jsonl): every change the tool made or began, as JSON lines. Each
 * line is on disk before the next step runs, so a run killed mid-fix still leaves a true account, and the
 * next run can tell what was in flight.
 */
public final class Journal {

    private final JsonLines lines;
    private final Clock clock;

    public Journal(Path file, Clock clock) {
        this.lines = new JsonLines(file, clock);
        this.clock = clock;
    }

    public Journal(Path file) {
        this(file, Clock.systemUTC());
    }

    public static Journal inHome(Path home) {
        return new Journal(home.resolve(".cloudscale/journal.jsonl"));
    }

    public Path file() {
        return lines.file();
    }

    public void append(JournalEntry entry) {
        lines.append(entry);
    }

    /** Fails before anything is changed when the journal could not record the change. */
    public void ensureWritable() {
        lines.ensureWritable();
    }

    public List<JournalEntry> read() {
        List<JournalEntry> entries = new ArrayList<>();
        for (var line : lines.read().entries()) {
            JsonLines.as(line, JournalEntry.class).ifPresent(entries::add);
        }
        return entries;
    }

    /** Opens a repair: its begin line names the command and the planned steps, before the first of them acts. */
    public Repair begin(String command, String what, List<String> plan) {
        ensureWritable();
        String id = JsonLines.newId();
        append(new JournalEntry(clock.instant(), command, id, null, JournalEntry.Phase.BEGIN, "repair", what, null, plan, null, null, null, null));
        return new Repair(this, clock, id, command);
    }

    /** Repairs a killed (or crashed) run left open, oldest first; and a torn last line an older version left. */
    public List<Interrupted> interrupted() {
        JsonLines.Contents contents = lines.read();
        List<JournalEntry> entries = new ArrayList<>();
        contents.entries().forEach(line -> JsonLines.as(line, JournalEntry.class).ifPresent(entries::add));
        List<Interrupted> found = new ArrayList<>(Interrupted.in(entries));
        contents.tornLastLine().map(Interrupted::tornLine).ifPresent(found::add);
        return found;
    }

    /** Records that a later run completed or rolled back an interrupted repair, so it is reported once. */
    public void resolve(Interrupted interrupted, String command, String how) {
        append(new JournalEntry(clock.instant(), command, interrupted.repair(), null, JournalEntry.Phase.RESOLVED, "recover",
                interrupted.what(), null, null, true, how, null, null));
    }
}
