package io.cloudscale.stack.lifecycle;

import java.time.Duration;
import java.util.List;

/** What `down` removed, how long it took, and what (if anything) it found left behind afterwards. */
public record DownResult(String project, String profile, Duration took, List<String> leftovers, List<String> busyPorts,
                         String composeError) {

    public boolean clean() {
        return composeError == null && leftovers.isEmpty() && busyPorts.isEmpty();
    }
}
