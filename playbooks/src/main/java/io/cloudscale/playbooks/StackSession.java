package io.cloudscale.playbooks;

import io.cloudscale.probes.docker.DockerHost;
import io.cloudscale.core.action.Journal;
import io.cloudscale.stack.endpoints.StackEndpoints;
import io.cloudscale.stack.lifecycle.StackLifecycle;
import io.cloudscale.stack.ports.PortService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The stack one invocation acts on, and where its journal goes: what load tests, runbooks and their actions
 * need to reach the engine, the stack's settings and the fix journal.
 */
public record StackSession(DockerHost dockerHost, String project, Path stackDir, Map<String, String> environment, Path home, Clock clock) {

    public Journal journal() {
        return Journal.inHome(home);
    }

    /** A lifecycle service to close after use. */
    public StackLifecycle lifecycle() {
        return new StackLifecycle(dockerHost, project, stackDir, environment, journal(), clock);
    }

    /** A port service to close after use. */
    public PortService ports() {
        return new PortService(dockerHost, project, stackDir, environment, journal(), clock);
    }

    public StackEndpoints endpoints() {
        return StackEndpoints.load(stackDir, environment);
    }
}
