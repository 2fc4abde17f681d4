package io.cloudscale.probes.ports;

import java.util.List;

/**
 * What was found on one host port. {@code bindError} is the kernel's answer when we tried to bind
 * it ourselves; {@code notes} say what could not be checked.
 */
public record PortFinding(int port, State state, String bindError, List<PortHolder> holders, List<String> notes) {

    public enum State {
        /** Nothing holds it and we could bind it. */
        FREE,
        /** Held only by running containers of this stack's own project. */
        IN_USE_BY_STACK,
        /** Something else holds it: `up` would fail with "port is already allocated". */
        HELD
    }

    public PortFinding {
        holders = List.copyOf(holders);
        notes = List.copyOf(notes);
    }

    public boolean held() {
        return state == State.HELD;
    }
}
