package io.cloudscale.probes.signals;

/**
 * One compose service's container as the engine reports it. {@code health} is null without a healthcheck.
 * {@code crashLooping}: restarted by its restart policy and caught between two crashes (still starting,
 * or started moments ago) — running at this instant, but not up.
 */
public record ServiceState(String service, String container, String state, String health, int restarts, Integer exitCode,
                           boolean oomKilled, boolean crashLooping) {

    public ServiceState(String service, String container, String state, String health, int restarts, Integer exitCode, boolean oomKilled) {
        this(service, container, state, health, restarts, exitCode, oomKilled, false);
    }

    public boolean up() {
        return "running".equals(state) && !"unhealthy".equals(health) && !crashLooping;
    }

    /** The process exists and is not crash-looping: running (healthy or not) or paused (frozen, not gone). */
    public boolean alive() {
        return ("running".equals(state) && !crashLooping) || "paused".equals(state);
    }
}
