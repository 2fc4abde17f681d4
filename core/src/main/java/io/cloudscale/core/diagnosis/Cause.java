package io.cloudscale.core.diagnosis;

import java.util.List;

/**
 * A root cause a tree can name: its prior probability, the fix as concrete commands, and what it
 * predicts the operator would measure (checked before it is given as the verdict).
 * {@code healthy} marks the leaf that means "nothing is wrong" (exit 0): it must be shown, by its
 * predictions, not merely left over.
 */
public record Cause(String id, String title, double prior, List<String> fix, boolean healthy, List<Prediction> predictions) {

    public Cause {
        if (prior <= 0 || prior > 1) {
            throw new IllegalArgumentException("prior of " + id + " must be in (0, 1]: " + prior);
        }
        fix = List.copyOf(fix);
        predictions = List.copyOf(predictions);
        if (healthy && predictions.isEmpty()) {
            throw new IllegalArgumentException(id + ": health needs positive evidence, so a healthy cause needs predictions");
        }
    }

    public static Cause problem(String id, String title, double prior, String... fix) {
        return new Cause(id, title, prior, List.of(fix), false, List.of());
    }

    public static Cause healthy(String id, String title, double prior, Prediction... evidence) {
        return new Cause(id, title, prior, List.of(), true, List.of(evidence));
    }

    /** The same cause, predicting these measurements. */
    public Cause predicting(Prediction... expected) {
        return new Cause(id, title, prior, fix, healthy, List.of(expected));
    }
}
