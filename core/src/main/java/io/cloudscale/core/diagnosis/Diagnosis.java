package io.cloudscale.core.diagnosis;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The outcome of running a tree: the path walked (one step per question, with its evidence), the
 * verdict, every cause's probability before and after the evidence, and why each probe ran when it did.
 */
public record Diagnosis(String tree, String title, List<PathStep> path, Verdict verdict, List<Belief> beliefs,
                        List<ScheduledProbe> schedule, Map<String, Observation<?>> observations, Duration duration) {

    public enum Answer { YES, NO, UNKNOWN }

    public record PathStep(String question, String text, String probe, Answer answer, String statusSymbol,
                           List<Evidence> evidence, String reason) {
    }

    /** healthy (exit 0), a named cause, or unexplained: no cause of the tree accounts for what was measured. */
    public enum Kind { HEALTHY, CAUSE, UNEXPLAINED }

    /**
     * {@code complete} is false when a question on the way could not be answered: the cause is then
     * the most likely one given what was seen, and {@code unchecked} says what could not be looked at.
     * {@code predictions}: how the named cause's predictions fared; {@code ruledOut}: for an unexplained
     * verdict, the cause the walk reached and why it does not explain the symptom.
     */
    public record Verdict(Kind kind, String cause, String title, boolean healthy, double confidence, boolean complete,
                          List<String> unchecked, List<Evidence> evidence, List<String> fix,
                          List<Prediction.Check> predictions, List<String> ruledOut) {
    }

    public static final String UNEXPLAINED = "unexplained";

    public record Belief(String cause, String title, double prior, double posterior, double givenEvidence) {
    }

    /** {@code need}: probability mass of the causes whose path asks this probe; runs in descending need/cost. */
    public record ScheduledProbe(String probe, int order, double need, double cost, double score, String outcome, Duration duration) {
    }
}
