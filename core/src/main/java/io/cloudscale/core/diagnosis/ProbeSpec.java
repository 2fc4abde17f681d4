package io.cloudscale.core.diagnosis;

import java.time.Duration;

/**
 * What the engine needs to know of a probe before it runs it.
 *
 * @param description one line: what it looks at
 * @param cost        relative cost to run it (1 = a local read, 10 = a sampling window): cheap, likely checks go first
 * @param deadline    the engine gives it up as UNKNOWN after this long
 */
public record ProbeSpec<T>(ProbeKey<T> key, String description, double cost, Duration deadline) {

    public String name() {
        return key.name();
    }
}
