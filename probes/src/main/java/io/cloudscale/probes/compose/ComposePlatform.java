package io.cloudscale.probes.compose;

import io.cloudscale.probes.docker.ComposeServices;
import io.cloudscale.probes.docker.ContainerLogs;
import io.cloudscale.probes.docker.DockerEngine;
import io.cloudscale.probes.docker.InspectedContainer;
import io.cloudscale.probes.docker.ListedContainer;
import io.cloudscale.probes.signals.PlatformReader;
import io.cloudscale.probes.signals.ServiceLog;
import io.cloudscale.probes.signals.ServiceState;
import io.cloudscale.probes.signals.StackState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The platform as a compose project on this machine's engine: each service's container (found by its compose labels,
 * one-off `run` containers left out) inspected into a {@link ServiceState}, and its log through the engine. Every call
 * goes through {@link DockerEngine}, under its deadline. Nothing here changes the stack.
 *
 * @param logTimeout how long a log read may take; what arrived by then is what the read gives
 */
public record ComposePlatform(DockerEngine engine, String project, Duration logTimeout, Clock clock) implements PlatformReader {

    /** How long a restarted container must have run to count as up again. */
    public static final Duration SETTLED = Duration.ofSeconds(30);

    @Override
    public String describe() {
        return "compose project " + project;
    }

    @Override
    public String scope() {
        return project;
    }

    /** One state per service, ordered by service name; of two containers of one service, the running one. */
    @Override
    public StackState services() {
        List<String> ids = new ComposeServices(engine, project).services().stream().map(ListedContainer::id).toList();
        Map<String, ServiceState> services = new TreeMap<>();
        engine.inspectAll(ids).forEach(inspected -> {
            ServiceState state = stateOf(inspected);
            services.merge(state.service(), state, (a, b) -> a.running() ? a : b);
        });
        return new StackState(project, List.copyOf(services.values()));
    }

    /**
     * The container's log since {@code since}, each line with the engine's timestamp in front. Compose keeps one log
     * across a container's restarts: what it said as it crashed is in the same log, so there is no previous run apart.
     */
    @Override
    public ServiceLog recentLog(String service, Instant since, int maxLines) {
        var container = new ComposeServices(engine, project).container(service);
        if (container.isEmpty()) {
            return new ServiceLog(service, null, List.of(), List.of(), true);
        }
        List<String> lines = new ArrayList<>();
        boolean complete;
        try {
            complete = new ContainerLogs(engine).read(container.get().id(), since, maxLines, logTimeout, lines::add);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            complete = false;
        }
        return new ServiceLog(service, container.get().name(), List.of(), lines, complete);
    }

    private ServiceState stateOf(InspectedContainer inspected) {
        boolean running = inspected.running();
        // The engine keeps a stopped container's last health status ("unhealthy" after a stop, "healthy" when the
        // engine itself died under it): it says nothing of a container that is not running, as a pod's readiness does not.
        String health = running ? inspected.health() : null;
        int restarts = inspected.restartCount();
        Instant startedAt = instant(inspected.startedAt());
        return new ServiceState(inspected.labels().getOrDefault(DockerEngine.SERVICE_LABEL, "?"),
                inspected.name(), inspected.status(), health, restarts,
                running || inspected.exitCode() == null ? null : inspected.exitCode().intValue(),
                inspected.oomKilled(), crashLooping(inspected.status(), health, restarts, startedAt),
                inspected.id(), startedAt, publishedPorts(inspected), List.copyOf(inspected.networks().keySet()));
    }

    /**
     * A container its restart policy restarted is crash-looping while it is caught between crashes: still
     * starting, or started less than {@link #SETTLED} ago. One look, so a busy machine's slow restarts
     * cannot make it look up.
     */
    private boolean crashLooping(String status, String health, int restarts, Instant startedAt) {
        if (restarts == 0) {
            return false;
        }
        if ("restarting".equals(status) || "starting".equals(health)) {
            return true;
        }
        return "running".equals(status) && startedAt != null && Duration.between(startedAt, clock.instant()).compareTo(SETTLED) < 0;
    }

    private static List<String> publishedPorts(InspectedContainer inspected) {
        List<String> ports = new ArrayList<>();
        for (InspectedContainer.Binding binding : inspected.publishedPorts()) {
            String port = binding.hostPortSpec() + "->" + binding.containerPortNumber();
            if (!ports.contains(port)) {
                ports.add(port);
            }
        }
        ports.sort(null);
        return ports;
    }

    /** The engine's time; "0001-01-01..." for a container that never started. */
    private static Instant instant(String engineTime) {
        if (engineTime == null || engineTime.startsWith("0001")) {
            return null;
        }
        try {
            return Instant.parse(engineTime);
        } catch (RuntimeException unparsable) {
            return null;
        }
    }
}
