package io.cloudscale.core.diagnosis;

import java.util.List;

/**
 * A root cause a tree can name: its prior probability, and the fix as concrete commands.
 * {@code healthy} marks the leaf that means "nothing is wrong" (exit 0).
 */
public record Cause(String id, String title, double prior, List<String> fix, boolean healthy) {

    public Cause {
        if (prior <= 0 || prior > 1) {
            throw new IllegalArgumentException("prior of " + id + " must be in (0, 1]: " + prior);
        }
        fix = List.copyOf(fix);
    }

    public static Cause problem(String id, String title, double prior, String... fix) {
        return new Cause(id, title, prior, List.of(fix), false);
    }

    public static Cause healthy(String id, String title, double prior) {
        return new Cause(id, title, prior, List.of(), true);
    }
}
