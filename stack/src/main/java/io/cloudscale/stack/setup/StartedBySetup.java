package io.cloudscale.stack.setup;

import io.cloudscale.core.json.JsonLines;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What setup started and has not stopped (~/.cloudscale/setup.jsonl): a line when it starts something, a line
 * when {@code setup --undo} stops it. Only what is named here is ever stopped, and a pid only while the
 * process holding it is the one that started then (same start time), never a process that reused it.
 */
public final class StartedBySetup {

    /**
     * @param what       "dockerd" or "rabbitmq"
     * @param pid        the process setup started, or 0 for a systemd unit
     * @param startTicks its start time in clock ticks after boot (/proc/PID/stat field 22), to tell it from a later process with its pid
     * @param unit       the systemd unit setup started, or null
     * @param log        where its output goes, or null
     */
    public record Entry(Instant at, String event, String what, long pid, long startTicks, String unit, String log) {
    }

    private final JsonLines lines;
    private final Clock clock;

    public StartedBySetup(Path home, Clock clock) {
        this.lines = new JsonLines(home.resolve(".cloudscale/setup.jsonl"), clock);
        this.clock = clock;
    }

    public Path file() {
        return lines.file();
    }

    public void started(String what, long pid, long startTicks, String unit, String log) {
        lines.append(new Entry(clock.instant(), "started", what, pid, startTicks, unit, log));
    }

    public void stopped(Entry entry) {
        lines.append(new Entry(clock.instant(), "stopped", entry.what(), entry.pid(), entry.startTicks(), entry.unit(), entry.log()));
    }

    /** Started and not stopped since, oldest first. */
    public List<Entry> running() {
        Map<String, Entry> byIdentity = new LinkedHashMap<>();
        for (var line : lines.read().entries()) {
            JsonLines.as(line, Entry.class).ifPresent(entry -> {
                String identity = entry.what() + "/" + entry.pid() + "/" + entry.startTicks() + "/" + entry.unit();
                if ("started".equals(entry.event())) {
                    byIdentity.put(identity, entry);
                } else {
                    byIdentity.remove(identity);
                }
            });
        }
        return new ArrayList<>(byIdentity.values());
    }
}
