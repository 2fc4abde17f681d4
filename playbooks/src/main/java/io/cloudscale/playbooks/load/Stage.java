package io.cloudscale.playbooks.load;

import java.time.Duration;

/** One constant arrival rate held for a while. */
public record Stage(double rate, Duration duration) {

    public Stage {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("a rate must be above 0 requests/s");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a stage must last some time");
        }
    }

    /** How many requests the stage sends when it keeps its schedule. */
    public long planned() {
        return Math.round(rate * duration.toNanos() / 1e9);
    }
}
