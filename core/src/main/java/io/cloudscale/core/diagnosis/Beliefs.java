package io.cloudscale.core.diagnosis;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Probability of each cause. Prior: the tree's. Posterior: history counts on top of the prior as
 * pseudo-counts, (prior * STRENGTH + n) / (STRENGTH + N), so a handful of local outcomes moves the
 * order but one odd incident does not overturn the platform's experience.
 */
public final class Beliefs {

    /** How many observed outcomes the tree's priors are worth. */
    static final double STRENGTH = 10;

    private Beliefs() {
    }

    public static Map<String, Double> posterior(DecisionTree tree, Map<String, Integer> counts) {
        int total = tree.causes().keySet().stream().mapToInt(id -> counts.getOrDefault(id, 0)).sum();
        Map<String, Double> posterior = new LinkedHashMap<>();
        tree.causes().forEach((id, cause) ->
                posterior.put(id, (cause.prior() * STRENGTH + counts.getOrDefault(id, 0)) / (STRENGTH + total)));
        return posterior;
    }

    /**
     * P(cause | answers): each answered question multiplies a cause by its reliability when the
     * cause's path agrees with the answer, by (1 - reliability) when it disagrees, and leaves it be
     * when the cause's path does not ask that question.
     */
    public static Map<String, Double> givenAnswers(DecisionTree tree, Map<String, Double> base, Map<String, Boolean> answers) {
        Map<String, Double> weights = new LinkedHashMap<>();
        Map<Node.Leaf, Map<String, Boolean>> paths = DecisionTree.paths(tree.root());
        Map<String, Double> reliability = new LinkedHashMap<>();
        DecisionTree.questions(tree.root()).forEach(question -> reliability.put(question.id(), question.reliability()));
        double sum = 0;
        for (Node.Leaf leaf : tree.root().leaves()) {
            double weight = base.get(leaf.cause().id());
            Map<String, Boolean> path = paths.get(leaf);
            for (Map.Entry<String, Boolean> answer : answers.entrySet()) {
                Boolean taken = path.get(answer.getKey());
                if (taken != null) {
                    double r = reliability.get(answer.getKey());
                    weight *= taken.equals(answer.getValue()) ? r : 1 - r;
                }
            }
            weights.put(leaf.cause().id(), weight);
            sum += weight;
        }
        double total = sum;
        weights.replaceAll((id, weight) -> weight / total);
        return weights;
    }
}
