package io.cloudscale.probes.ports;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Whoever holds (or will claim) a host port, classified, with the evidence that names it. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = PortHolder.Container.class, name = "container"),
        @JsonSubTypes.Type(value = PortHolder.HostProcess.class, name = "host-process"),
        @JsonSubTypes.Type(value = PortHolder.DockerProxy.class, name = "docker-proxy"),
        @JsonSubTypes.Type(value = PortHolder.EngineSocket.class, name = "engine-socket"),
        @JsonSubTypes.Type(value = PortHolder.StaleEndpoint.class, name = "stale-endpoint"),
        @JsonSubTypes.Type(value = PortHolder.AllocatorClaim.class, name = "engine-allocator")})
public sealed interface PortHolder {

    /** One line naming the holder, for the table. */
    String summary();

    /** Where this was seen: the API call or /proc file, and what it said. */
    String evidence();

    /**
     * A container whose HostConfig publishes the port. {@code active} is true in the states that
     * hold the claim now (running, restarting, paused, dead); created or exited containers claim it
     * again when started.
     */
    record Container(String id, String name, String state, String project, String service, boolean active,
                     String hostIp, String containerPort, int restartCount, String evidence) implements PortHolder {

        @Override
        public String summary() {
            String owner = project == null ? "no compose project" : "project " + project + (service == null ? "" : ", service " + service);
            return "container %s (%s, %s)%s".formatted(name, state, owner, active ? "" : ": claims the port when started");
        }

        @JsonProperty("shortId")
        public String shortId() {
            return id.substring(0, Math.min(12, id.length()));
        }
    }

    /** An ordinary process listening on the port. */
    record HostProcess(Long pid, String user, String command, String endpoint, String evidence) implements PortHolder {

        @Override
        public String summary() {
            return pid == null ? "socket " + endpoint + " (owner not visible: run as root to see it)"
                    : "process %d (%s, user %s) on %s".formatted(pid, command, user, endpoint);
        }
    }

    /** Docker's userland proxy for a published port; {@code container} is empty when its container is gone. */
    record DockerProxy(long pid, String endpoint, String containerIp, String containerPort, String container,
                       String evidence) implements PortHolder {

        @Override
        public String summary() {
            return "docker-proxy pid %d -> %s:%s (%s)".formatted(pid, containerIp, containerPort,
                    container == null ? "no live container has that address: a leftover proxy" : "container " + container);
        }
    }

    /** The engine itself owns the socket: dockerd runs with --userland-proxy=false. */
    record EngineSocket(long pid, String endpoint, String evidence) implements PortHolder {

        @Override
        public String summary() {
            return "dockerd pid %d on %s (userland proxy off: only the engine API names the container)".formatted(pid, endpoint);
        }
    }

    /** A network endpoint whose container no longer exists; its port mapping may outlive it. */
    record StaleEndpoint(String network, String networkId, String endpointName, String endpointKey, String project,
                         String evidence) implements PortHolder {

        @Override
        public String summary() {
            return "stale endpoint %s on network %s (its container is gone)".formatted(endpointName, network);
        }
    }

    /** The engine refuses to publish the port though nothing visible holds it: a leaked allocator claim. */
    record AllocatorClaim(String evidence) implements PortHolder {

        @Override
        public String summary() {
            return "the engine's port allocator holds a claim no container explains (leaked)";
        }
    }
}
