package io.cloudscale.probes.signals;

import io.cloudscale.core.diagnosis.Observation;
import io.cloudscale.core.diagnosis.Probe;
import io.cloudscale.core.diagnosis.ProbeKey;
import io.cloudscale.core.diagnosis.ProbeSpec;
import io.cloudscale.core.diagnosis.Settled;
import java.time.Duration;

/**
 * A probe the platform's target cannot answer (yet): its observation is UNKNOWN with {@code why}, so the tree
 * and the operator see that it was not looked at, never a healthy answer made up for it.
 */
public record UnreadableOnTarget<T>(ProbeKey<T> key, String what, String why) implements Probe<T> {

    @Override
    public ProbeSpec<T> spec() {
        return new ProbeSpec<>(key, what + " (not read on this target: " + why + ")", 1, Duration.ofSeconds(1));
    }

    @Override
    public Observation<T> observe(Settled settled) {
        return Observation.unknown(key.name(), why);
    }
}
