package io.cloudscale.probes.signals;

/** One compose service's container as the engine reports it. {@code health} is null without a healthcheck. */
public record ServiceState(String service, String container, String state, String health, int restarts, Integer exitCode,
                           boolean oomKilled) {

    public boolean up() {
        return "running".equals(state) && !"unhealthy".equals(health);
    }
}
