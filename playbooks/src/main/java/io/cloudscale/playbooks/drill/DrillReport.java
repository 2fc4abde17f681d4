package io.cloudscale.playbooks.drill;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;

/**
 * Every drill of one run; it passes only when each verdict matched and each restore left the stack healthy.
 * {@code clients}: what the drill's clients saw over the whole run (null when they never started); {@code skipped}:
 * the faults asked for (by --all) that the target cannot have, each with why.
 */
public record DrillReport(String project, String profile, List<DrillResult> results, boolean kept, String aborted,
                          ClientTraffic.Tally clients, List<Skipped> skipped) {

    /** A fault not drilled on this target, and why. */
    public record Skipped(String fault, String reason) {
    }

    /** A run that skipped nothing. */
    public DrillReport(String project, String profile, List<DrillResult> results, boolean kept, String aborted, ClientTraffic.Tally clients) {
        this(project, profile, results, kept, aborted, clients, List.of());
    }

    @JsonProperty("passed")
    public boolean passed() {
        return aborted == null && !results.isEmpty() && results.stream().allMatch(DrillResult::passed);
    }

    @JsonProperty("matched")
    public long matched() {
        return results.stream().filter(DrillResult::match).count();
    }

    /** The median time from the start of a diagnosis to its verdict, over the drills that reached one. */
    @JsonProperty("medianTimeToVerdict")
    public Duration medianTimeToVerdict() {
        List<Duration> times = results.stream().map(DrillResult::timeToVerdict).filter(java.util.Objects::nonNull).sorted().toList();
        if (times.isEmpty()) {
            return null;
        }
        int middle = times.size() / 2;
        return times.size() % 2 == 1 ? times.get(middle) : times.get(middle - 1).plus(times.get(middle)).dividedBy(2);
    }
}
