package io.cloudscale.core.diagnosis;

/**
 * Asked by a probe that looks over a window, after each look, with what it has seen so far: true when the
 * answers the tree will take from it are not expected to change, so it may stop before its window ends.
 */
@FunctionalInterface
public interface Settled {

    /** For a probe run alone: it looks over its whole window. */
    Settled NEVER = sofar -> false;

    boolean test(Observation<?> sofar);
}
