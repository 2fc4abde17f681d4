package io.cloudscale.stack.lifecycle;

import java.time.Instant;
import java.util.List;

/**
 * One compose service as the engine sees it now.
 *
 * @param health  healthy / unhealthy / starting, or null when the container has no healthcheck
 * @param ports   host ports it publishes, as HOST->CONTAINER
 */
public record ServiceState(String service, String containerId, String containerName, String state, String health,
                           Integer exitCode, int restarts, Instant startedAt, List<String> ports, List<String> networks) {

    public boolean running() {
        return "running".equals(state);
    }

    public boolean ready() {
        return running() && (health == null || "healthy".equals(health));
    }

    /** Gone for good during start-up: exited, dead, restarting, or declared unhealthy by its healthcheck. */
    public boolean failed() {
        return "exited".equals(state) || "dead".equals(state) || "restarting".equals(state) || restarts > 0
                || (running() && "unhealthy".equals(health));
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
