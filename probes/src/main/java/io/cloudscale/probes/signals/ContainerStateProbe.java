package io.cloudscale.probes.signals;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import io.cloudscale.core.Status;
import io.cloudscale.core.diagnosis.Evidence;
import io.cloudscale.core.diagnosis.Observation;
import io.cloudscale.core.diagnosis.Probe;
import io.cloudscale.core.diagnosis.ProbeKey;
import io.cloudscale.core.diagnosis.ProbeSpec;
import io.cloudscale.core.diagnosis.Settled;
import io.cloudscale.probes.docker.ComposeServices;
import io.cloudscale.probes.docker.DockerEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** State of every service container of the compose project, found by label: running, health, restarts, exit code, OOM. */
public final class ContainerStateProbe implements Probe<StackState> {

    public static final ProbeKey<StackState> KEY = ProbeKey.of("container-state");
    private static final String NAME = KEY.name();
    /** How long a restarted container must have run to count as up again. */
    public static final Duration SETTLED = Duration.ofSeconds(30);

    private final DockerEngine engine;
    private final String project;
    private final Clock clock;

    public ContainerStateProbe(DockerEngine engine, String project, Clock clock) {
        this.engine = engine;
        this.project = project;
        this.clock = clock;
    }

    @Override
    public ProbeSpec<StackState> spec() {
        return new ProbeSpec<>(KEY, "state, health, restarts and exit code of every container of compose project " + project, 1, Duration.ofSeconds(5));
    }

    /**
     * A container its restart policy restarted is crash-looping while it is caught between crashes: still
     * starting, or started less than {@link #SETTLED} ago. One look, so a busy machine's slow restarts
     * cannot make it look up.
     */
    private boolean crashLooping(InspectContainerResponse.ContainerState state, String health, int restarts) {
        if (restarts == 0) {
            return false;
        }
        if ("restarting".equals(state.getStatus()) || "starting".equals(health)) {
            return true;
        }
        try {
            Instant started = Instant.parse(state.getStartedAt());
            return "running".equals(state.getStatus()) && Duration.between(started, clock.instant()).compareTo(SETTLED) < 0;
        } catch (RuntimeException unparsable) {
            return false;
        }
    }

    @Override
    public Observation<StackState> observe(Settled settled) {
        List<ServiceState> services = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        Status status = Status.OK;
        List<String> containerIds = new ComposeServices(engine, project).services().stream()
                .sorted(Comparator.comparing(container -> container.getLabels().getOrDefault(DockerEngine.SERVICE_LABEL, "")))
                .map(Container::getId)
                .toList();
        for (InspectContainerResponse inspected : engine.inspectAll(containerIds)) {
            InspectContainerResponse.ContainerState state = inspected.getState();
            String health = state.getHealth() == null ? null : state.getHealth().getStatus();
            int restarts = Objects.requireNonNullElse(inspected.getRestartCount(), 0);
            ServiceState service = new ServiceState(inspected.getConfig().getLabels().getOrDefault(DockerEngine.SERVICE_LABEL, "?"),
                    inspected.getName().replaceFirst("^/", ""), state.getStatus(), health, restarts,
                    "running".equals(state.getStatus()) ? null : state.getExitCode(), Boolean.TRUE.equals(state.getOOMKilled()),
                    crashLooping(state, health, restarts));
            services.add(service);
            evidence.add(new Evidence("docker inspect " + service.container(), clock.instant(), "%s: %s%s, restarts %d%s%s".formatted(
                    service.service(), service.state(), health == null ? "" : " (" + health + ")", service.restarts(),
                    service.exitCode() == null ? "" : ", exit code " + service.exitCode(), service.oomKilled() ? ", OOM-killed" : "")
                    + (service.crashLooping() ? ", crash-looping" : "")));
            if (!service.up()) {
                status = Status.FAIL;
            } else if (service.restarts() > 0 && status == Status.OK) {
                status = Status.WARN;
            }
        }
        if (services.isEmpty()) {
            return Observation.unknown(NAME, "no container of compose project " + project + ": is the stack up?");
        }
        return Observation.of(NAME, status, new StackState(project, services), evidence);
    }
}
