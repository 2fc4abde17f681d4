package io.cloudscale.probes.docker;

import java.util.List;
import java.util.Set;

/**
 * A container as inspect shows it, reduced to what port and state checks need. Bindings come from
 * HostConfig.PortBindings, which a created or exited container keeps while the list view shows none.
 */
public record ContainerView(String id, String name, String state, String project, String service, boolean oneoff,
                            int restartCount, List<Binding> bindings, Set<String> ipAddresses) {

    /** A published port: host address (empty for all), host port, container port with protocol. */
    public record Binding(String hostIp, int hostPort, String containerPort) {
    }

    /** The states in which the engine holds the container's port claims right now. */
    public boolean holdsClaims() {
        return switch (state) {
            case "running", "restarting", "paused", "dead", "removing" -> true;
            default -> false;
        };
    }

    public boolean belongsTo(String composeProject) {
        return composeProject.equals(project);
    }
}
