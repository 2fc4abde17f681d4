package io.cloudscale.core.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Settles a windowed probe once every answer the tree may take from it (its questions, and the predictions
 * checked on it) came out the same at {@link #LOOKS} looks in a row. A stopped container or a queue that
 * rose at each of three looks settles in three seconds; traffic whose answers still move keeps looking until
 * the window ends. One per probe and diagnosis: it remembers the looks before.
 */
final class StableAnswers implements Settled {

    static final int LOOKS = 3;

    private final List<Function<Observation<?>, Boolean>> asks;
    private List<Boolean> previous;
    private int streak;

    StableAnswers(List<Function<Observation<?>, Boolean>> asks) {
        this.asks = List.copyOf(asks);
    }

    @Override
    public synchronized boolean test(Observation<?> sofar) {
        if (asks.isEmpty()) {
            return false;
        }
        List<Boolean> answers = new ArrayList<>(asks.size());
        for (Function<Observation<?>, Boolean> ask : asks) {
            answers.add(answer(ask, sofar));
        }
        streak = Objects.equals(answers, previous) ? streak + 1 : 1;
        previous = answers;
        return streak >= LOOKS;
    }

    /** Null where it cannot be answered yet (nothing known, or the test does not apply): an answer of its own. */
    private static Boolean answer(Function<Observation<?>, Boolean> ask, Observation<?> sofar) {
        try {
            return ask.apply(sofar);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
