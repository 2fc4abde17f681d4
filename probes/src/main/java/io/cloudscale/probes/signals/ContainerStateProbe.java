package io.cloudscale.probes.signals;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.Status;
import io.cloudscale.core.diagnosis.Evidence;
import io.cloudscale.core.diagnosis.Observation;
import io.cloudscale.core.diagnosis.Probe;
import io.cloudscale.core.diagnosis.ProbeKey;
import io.cloudscale.core.diagnosis.ProbeSpec;
import io.cloudscale.core.diagnosis.Settled;
import io.cloudscale.probes.compose.ComposePlatform;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** State of every service container of the compose project, as {@link ComposePlatform} reads them: running, health, restarts, exit code, OOM. */
public record ContainerStateProbe(ComposePlatform platform, Clock clock) implements Probe<StackState> {

    public static final ProbeKey<StackState> KEY = ProbeKey.of("container-state");
    private static final String NAME = KEY.name();

    @Override
    public ProbeSpec<StackState> spec() {
        return new ProbeSpec<>(KEY, "state, health, restarts and exit code of every container of " + platform.describe(), 1, Duration.ofSeconds(5));
    }

    @Override
    public Observation<StackState> observe(Settled settled) {
        StackState stack;
        try {
            stack = platform.services();
        } catch (CloudscaleException.Unreachable e) {
            return Observation.unknown(NAME, e.getMessage());
        }
        if (stack.services().isEmpty()) {
            return Observation.unknown(NAME, "no container of " + platform.describe() + ": is the stack up?");
        }
        List<Evidence> evidence = new ArrayList<>();
        Status status = Status.OK;
        for (ServiceState service : stack.services()) {
            evidence.add(new Evidence("docker inspect " + service.container(), clock.instant(), "%s: %s%s, restarts %d%s%s".formatted(
                    service.service(), service.state(), service.health() == null ? "" : " (" + service.health() + ")", service.restarts(),
                    service.exitCode() == null ? "" : ", exit code " + service.exitCode(), service.oomKilled() ? ", OOM-killed" : "")
                    + (service.crashLooping() ? ", crash-looping" : "")));
            if (!service.up()) {
                status = Status.FAIL;
            } else if (service.restarts() > 0 && status == Status.OK) {
                status = Status.WARN;
            }
        }
        return Observation.of(NAME, status, stack, evidence);
    }
}
