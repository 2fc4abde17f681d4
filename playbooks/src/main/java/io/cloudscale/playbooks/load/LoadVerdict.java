package io.cloudscale.playbooks.load;

import java.util.List;

/**
 * What a load test says about the endpoint, with the figures that say it.
 *
 * @param knee     the highest rate sustained with success >= 99% and p99 within the bound; null when no rate was
 * @param evidence one line per fact the verdict rests on, in the order a person would check them
 */
public record LoadVerdict(Kind kind, String summary, Knee knee, List<String> evidence, double p99BoundMillis, String basis) {

    public LoadVerdict {
        evidence = List.copyOf(evidence);
    }

    public enum Kind {
        /** Turned away with 429/503 at its limit while accepted requests still completed: the defences work. */
        SHEDDING("shedding"),
        /** No rejections, but past a rate latency grew beyond the bound: the limit is there, unprotected. */
        SATURATION("saturation"),
        /** Other 5xx, timeouts, refused or reset connections, restarts, or accepted events lost. */
        BREAKAGE("breakage"),
        /** Every rate held within the bound, nothing rejected: no limit reached. */
        WITHIN_CAPACITY("within-capacity");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        @com.fasterxml.jackson.annotation.JsonValue
        public String id() {
            return id;
        }

        /** Shedding and headroom are the platform doing its job; saturation and breakage need a person. */
        public boolean healthy() {
            return this == SHEDDING || this == WITHIN_CAPACITY;
        }
    }

    /**
     * @param exact false when the test never went past it (the limit is at least this), or when it comes from
     *              single seconds of live traffic rather than a held rate
     */
    public record Knee(double rate, double p99Millis, double successRatio, boolean exact) {
    }
}
