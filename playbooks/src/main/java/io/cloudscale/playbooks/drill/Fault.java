package io.cloudscale.playbooks.drill;

import java.util.List;

/**
 * One game-day fault: how to cause it in a running stack, which root cause its diagnosis must name,
 * and how to undo it. Most faults stop the dashboard counting and are diagnosed by the zero-events tree.
 */
public interface Fault {

    String id();

    /** The cause the diagnosis must name. */
    String expected();

    String description();

    /** Whether the drill waits for the dashboard to stop counting before it diagnoses. */
    default boolean stopsCounting() {
        return true;
    }

    /** Why the fault exists only where compose runs the stack on one host, or null when a cluster can have it too. */
    default String composeOnly() {
        return null;
    }

    /**
     * The stack's own services the fault acts on or depends on beyond the four of every stack: the emulated store and
     * the in-stack broker, which a stack on managed services (the azure overlay) does not run.
     */
    default List<String> needs() {
        return List.of();
    }

    void inject(DrillContext drill) throws Exception;

    default Finding diagnose(DrillContext drill) throws Exception {
        return drill.diagnoses().zeroEvents();
    }

    void restore(DrillContext drill) throws Exception;

    @FunctionalInterface
    interface Step {
        void run(DrillContext drill) throws Exception;
    }

    /**
     * A fault made of an injection and its undoing, diagnosed by the zero-events tree.
     *
     * @param composeOnly why only compose can have it, or null
     */
    record Steps(String id, String expected, String description, String composeOnly, List<String> needs, Step injection, Step undoing) implements Fault {

        /** This fault, said to exist only where compose runs the stack, for {@code why}. */
        public Steps onlyOnCompose(String why) {
            return new Steps(id, expected, description, why, needs, injection, undoing);
        }

        /** This fault, said to need these services of the stack's own (see {@link Fault#needs()}). */
        public Steps needing(String... services) {
            return new Steps(id, expected, description, composeOnly, List.of(services), injection, undoing);
        }

        @Override
        public void inject(DrillContext drill) throws Exception {
            injection.run(drill);
        }

        @Override
        public void restore(DrillContext drill) throws Exception {
            undoing.run(drill);
        }
    }

    /** A fault made of an injection and its undoing, diagnosed by the zero-events tree, that a cluster can have too. */
    static Steps of(String id, String expected, String description, Step inject, Step restore) {
        return new Steps(id, expected, description, null, List.of(), inject, restore);
    }
}
