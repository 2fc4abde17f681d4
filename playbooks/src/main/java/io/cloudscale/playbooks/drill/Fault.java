package io.cloudscale.playbooks.drill;

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

    void inject(DrillContext drill) throws Exception;

    default Finding diagnose(DrillContext drill) throws Exception {
        return drill.diagnoses().zeroEvents();
    }

    void restore(DrillContext drill) throws Exception;

    /** This fault, said to exist only where compose runs the stack, for {@code why}. */
    default Fault composeOnly(String why) {
        Fault fault = this;
        return new Fault() {
            @Override
            public String id() {
                return fault.id();
            }

            @Override
            public String expected() {
                return fault.expected();
            }

            @Override
            public String description() {
                return fault.description();
            }

            @Override
            public boolean stopsCounting() {
                return fault.stopsCounting();
            }

            @Override
            public String composeOnly() {
                return why;
            }

            @Override
            public void inject(DrillContext drill) throws Exception {
                fault.inject(drill);
            }

            @Override
            public Finding diagnose(DrillContext drill) throws Exception {
                return fault.diagnose(drill);
            }

            @Override
            public void restore(DrillContext drill) throws Exception {
                fault.restore(drill);
            }
        };
    }

    @FunctionalInterface
    interface Step {
        void run(DrillContext drill) throws Exception;
    }

    /** A fault made of an injection and its undoing, diagnosed by the zero-events tree. */
    static Fault of(String id, String expected, String description, Step inject, Step restore) {
        return new Fault() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String expected() {
                return expected;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public void inject(DrillContext drill) throws Exception {
                inject.run(drill);
            }

            @Override
            public void restore(DrillContext drill) throws Exception {
                restore.run(drill);
            }
        };
    }
}
