package io.cloudscale.probes.kubernetes;

import io.cloudscale.core.Status;
import io.cloudscale.core.diagnosis.Observation;
import io.cloudscale.core.diagnosis.Probe;
import io.cloudscale.core.diagnosis.ProbeSpec;
import io.cloudscale.core.diagnosis.Settled;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A probe that reads a cluster's endpoint through a port-forward: what it saw stands, unless it saw a failure while the
 * forward itself broke (the API server would not open the stream): then it did not look at the service at all, and says
 * so (UNKNOWN), so that a forward refused by RBAC or a proxy in the way is never taken for the gateway not answering.
 */
public record ThroughForward<T>(Probe<T> probe, Supplier<Optional<String>> broken) implements Probe<T> {

    @Override
    public ProbeSpec<T> spec() {
        return probe.spec();
    }

    @Override
    public Observation<T> observe(Settled settled) throws Exception {
        Observation<T> seen = probe.observe(settled);
        if (seen.status() == Status.OK) {
            return seen;
        }
        Optional<String> why = broken.get();
        return why.isPresent() ? Observation.unknown(seen.probe(), why.get()) : seen;
    }
}
