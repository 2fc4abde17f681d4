package io.cloudscale.playbooks.drill;

import io.cloudscale.stack.ports.PortService;
import java.util.function.Supplier;

/** What a fault acts on and how its diagnosis is asked: the stack, the drill's clients, the diagnoses. */
public record DrillContext(DrillStack stack, ClientTraffic clients, Diagnoses diagnoses, Supplier<PortService> ports) {

    /** The diagnoses a drill checks; the zero-events tree for every fault but the port claim. */
    public interface Diagnoses {
        Finding zeroEvents() throws Exception;
    }
}
