package io.cloudscale.stack.ports;

import io.cloudscale.core.action.Action;
import io.cloudscale.probes.docker.DockerEngine;
import io.cloudscale.probes.ports.PortHolder;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The engine-side repair steps a port fix may take, least destructive first. */
public final class DockerActions {

    private DockerActions() {
    }

    /** A container of this stack's own project that is not running but keeps the port: `up` recreates it. */
    record RemoveContainer(DockerEngine engine, PortHolder.Container container, String reason) implements Action {
        @Override
        public String kind() {
            return "remove-container";
        }

        @Override
        public String target() {
            return container.name();
        }

        @Override
        public String description() {
            return "remove container %s (%s) of this stack's project %s; its volumes are kept".formatted(
                    container.name(), container.state(), container.project());
        }

        @Override
        public List<String> evidence() {
            return List.of(container.evidence());
        }

        @Override
        public Outcome apply() {
            return engine.remove(container.id()) ? new Outcome("removed " + container.name())
                    : new Outcome(container.name() + " was already gone", false);
        }
    }

    /** Another project's container: stopped (SIGTERM, then the engine's grace period), never killed, only with --force. */
    record StopContainer(DockerEngine engine, PortHolder.Container container, String reason) implements Action {
        static final Duration GRACE = Duration.ofSeconds(10);

        @Override
        public String kind() {
            return "stop-container";
        }

        @Override
        public String target() {
            return container.name();
        }

        @Override
        public String description() {
            String owner = container.project() == null ? "no compose project" : "project " + container.project();
            return "stop container %s (%s) — %s, not this stack; it is stopped, not removed".formatted(container.name(), container.state(), owner);
        }

        @Override
        public List<String> evidence() {
            return List.of(container.evidence());
        }

        @Override
        public Map<String, String> undo() {
            return Map.of("command", "docker start " + container.name());
        }

        @Override
        public Outcome apply() {
            engine.stop(container.id(), GRACE);
            return new Outcome("stopped " + container.name() + " (it can be started again with docker start " + container.name() + ")");
        }
    }

    /** docker network disconnect --force NETWORK NAME: a forced disconnect takes the entry's Name, not its key. */
    public record DisconnectEndpoint(DockerEngine engine, PortHolder.StaleEndpoint endpoint, String reason) implements Action {
        @Override
        public String kind() {
            return "disconnect-endpoint";
        }

        @Override
        public String target() {
            return endpoint.network() + "/" + endpoint.endpointName();
        }

        @Override
        public String description() {
            return "force-disconnect stale endpoint %s from network %s".formatted(endpoint.endpointName(), endpoint.network());
        }

        @Override
        public List<String> evidence() {
            return List.of(endpoint.evidence());
        }

        @Override
        public Outcome apply() {
            try {
                engine.disconnect(endpoint.networkId(), endpoint.endpointName());
            } catch (RuntimeException e) {
                if (e.getMessage() != null && e.getMessage().contains("not connected")) {
                    return new Outcome(endpoint.endpointName() + " had no endpoint left on " + endpoint.network(), false);
                }
                throw e;
            }
            return new Outcome("disconnected " + endpoint.endpointName() + " from " + endpoint.network());
        }
    }

    /** Removes the project's networks that nothing uses any more (compose recreates them on `up`). */
    record PruneProjectNetworks(DockerEngine engine, String project, String reason) implements Action {
        @Override
        public String kind() {
            return "prune-networks";
        }

        @Override
        public String target() {
            return "networks of project " + project;
        }

        @Override
        public String description() {
            return "prune unused networks labelled com.docker.compose.project=" + project;
        }

        @Override
        public List<String> evidence() {
            return List.of("a stale endpoint keeps a network from being pruned until it is disconnected");
        }

        @Override
        public Outcome apply() {
            engine.pruneProjectNetworks(project);
            return new Outcome("pruned unused networks of " + project);
        }
    }
}
