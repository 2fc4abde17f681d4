package io.cloudscale.core.diagnosis;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/** A node of a decision tree: a question about one probe's observation, or a leaf naming a cause. */
public sealed interface Node {

    /** Every leaf below this node, left to right. */
    List<Leaf> leaves();

    record Leaf(Cause cause) implements Node {
        @Override
        public List<Leaf> leaves() {
            return List.of(this);
        }
    }

    /**
     * Asks {@code question} of {@code probe}'s observation; {@code test} answers it, only on a known
     * observation unless {@code answersUnknown} (a question about whether the probe could look at all).
     * {@code reliability} is how often a yes/no from this probe is right.
     */
    record Question(String id, String question, String probe, Function<Observation<?>, Boolean> test, boolean answersUnknown,
                    double reliability, java.util.function.Predicate<Evidence> relevant, Node yes, Node no) implements Node {
        @Override
        public List<Leaf> leaves() {
            return Stream.concat(yes.leaves().stream(), no.leaves().stream()).toList();
        }
    }
}
