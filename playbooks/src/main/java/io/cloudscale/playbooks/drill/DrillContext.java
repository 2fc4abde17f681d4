package io.cloudscale.playbooks.drill;

/** What a fault acts on and how its diagnosis is asked: the stack, the drill's clients, the diagnoses. */
public record DrillContext(DrillStack stack, ClientTraffic clients, Diagnoses diagnoses) {

    /** The diagnoses a drill checks; the zero-events tree for every fault but the port claim. */
    public interface Diagnoses {
        Finding zeroEvents() throws Exception;
    }

    /** The stack on compose, for a fault of compose alone (the runner never runs one on another target). */
    public ComposeDrillStack compose() {
        if (stack instanceof ComposeDrillStack compose) {
            return compose;
        }
        throw new IllegalStateException("a fault of the compose target alone was run on " + stack.profileName());
    }
}
