package io.cloudscale.probes.signals;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;

/**
 * One service of the platform as its target reports it now: a compose service's container, or the pod that
 * tells what a Kubernetes service does. The one record of a service's state: the diagnosis, {@code status},
 * {@code up} and {@code watch} read it alike.
 *
 * <p>Two questions are asked of it, and they differ on a container whose healthcheck has not passed yet
 * ({@code starting}): {@link #ready()} is what {@code up} waits for and {@code status} counts as fine (the
 * healthcheck passed, or there is none); {@link #up()} is what the diagnosis asks (running and not failing: a
 * service still starting is not a cause, unless it is caught between two crashes).
 *
 * @param container    the container's (or pod's) name
 * @param health       healthy / unhealthy / starting, or null without a healthcheck
 * @param exitCode     of the run that ended last, null while it runs
 * @param crashLooping restarted by its restart policy and caught between two crashes (still starting, or started
 *                     moments ago): running at this instant, but not up
 * @param containerId  the engine's id of the container; null on a cluster
 * @param startedAt    when its current run started, null before it ever ran
 * @param ports        host ports it publishes, as HOST->CONTAINER
 * @param networks     the compose networks it is attached to
 */
public record ServiceState(String service, String container, String state, String health, int restarts, Integer exitCode,
                           boolean oomKilled, boolean crashLooping,
                           @JsonIgnore String containerId, @JsonIgnore Instant startedAt, @JsonIgnore List<String> ports,
                           @JsonIgnore List<String> networks) {

    public ServiceState {
        ports = List.copyOf(ports);
        networks = List.copyOf(networks);
    }

    /** A service that publishes no port of this machine and joins no compose network: a pod's. */
    public ServiceState(String service, String container, String state, String health, int restarts, Integer exitCode,
                        boolean oomKilled, boolean crashLooping) {
        this(service, container, state, health, restarts, exitCode, oomKilled, crashLooping, null, null, List.of(), List.of());
    }

    public ServiceState(String service, String container, String state, String health, int restarts, Integer exitCode, boolean oomKilled) {
        this(service, container, state, health, restarts, exitCode, oomKilled, false);
    }

    /** The diagnosis's question: running, not declared unhealthy, not crash-looping. */
    public boolean up() {
        return running() && !"unhealthy".equals(health) && !crashLooping;
    }

    /** The process exists and is not crash-looping: running (healthy or not) or paused (frozen, not gone). */
    public boolean alive() {
        return (running() && !crashLooping) || "paused".equals(state);
    }

    public boolean running() {
        return "running".equals(state);
    }

    /** {@code up}'s and {@code status}'s question: running, and its healthcheck passed (or it has none). */
    public boolean ready() {
        return running() && (health == null || "healthy".equals(health));
    }

    /** Gone for good during start-up: exited, dead, restarting, or declared unhealthy by its healthcheck. */
    public boolean failed() {
        return "exited".equals(state) || "dead".equals(state) || "restarting".equals(state) || restarts > 0
                || (running() && "unhealthy".equals(health));
    }

    /**
     * The exit code as the engine reports it, 0 for a container that runs (it has not exited): what the `up` and `watch`
     * documents have always shown. A pod has no engine to report it: its {@link #exitCode()}.
     */
    public Integer reportedExitCode() {
        return running() && containerId != null ? Integer.valueOf(0) : exitCode;
    }

    public String describe() {
        if (health != null && running()) {
            return state + " (" + health + ")";
        }
        if (exitCode != null && !running()) {
            return state + " (exit " + exitCode + ")";
        }
        return state;
    }
}
