package io.cloudscale.core.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One probe while a diagnosis runs: the looks it has taken so far (a probe that looks over a window reports each one)
 * and its final observation once it has one. A question may take its answer from the looks before the window ends,
 * but only a yes that held at {@link #LOOKS} looks in a row: positive evidence seen is seen (traffic arrived, the queue
 * rose at each look, the count grew), while a no can still turn in what is left of the window, so it waits for the end.
 */
final class LiveProbe implements Settled {

    static final int LOOKS = 3;

    private final List<Observation<?>> looks = new ArrayList<>();
    private Observation<?> last;

    /** A look; the probe goes on looking until its window ends (the diagnosis stops it once it has its verdict). */
    @Override
    public synchronized boolean test(Observation<?> sofar) {
        looks.add(sofar);
        notifyAll();
        return false;
    }

    synchronized void finish(Observation<?> observation) {
        last = observation;
        notifyAll();
    }

    synchronized Optional<Observation<?>> finalObservation() {
        return Optional.ofNullable(last);
    }

    /** The final observation, or before it the latest look when {@code ask} said yes at it and at the looks just before. */
    synchronized Observation<?> await(Function<Observation<?>, Boolean> ask) throws InterruptedException {
        while (last == null) {
            if (heldYes(ask)) {
                return looks.getLast();
            }
            wait();
        }
        return last;
    }

    private boolean heldYes(Function<Observation<?>, Boolean> ask) {
        if (looks.size() < LOOKS) {
            return false;
        }
        for (Observation<?> look : looks.subList(looks.size() - LOOKS, looks.size())) {
            if (!yes(ask, look)) {
                return false;
            }
        }
        return true;
    }

    private static boolean yes(Function<Observation<?>, Boolean> ask, Observation<?> look) {
        try {
            return look.known() && Boolean.TRUE.equals(ask.apply(look));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
