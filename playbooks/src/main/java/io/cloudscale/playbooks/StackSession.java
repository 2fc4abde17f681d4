package io.cloudscale.playbooks;

import io.cloudscale.probes.docker.DockerHost;
import io.cloudscale.core.action.Journal;
import io.cloudscale.core.config.Target;
import io.cloudscale.stack.endpoints.StackEndpoints;
import io.cloudscale.stack.kubernetes.KubernetesStack;
import io.cloudscale.stack.lifecycle.StackLifecycle;
import io.cloudscale.stack.ports.PortService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The stack one invocation acts on, and where its journal goes: what load tests, runbooks and their actions
 * need to reach the engine, the stack's settings and the fix journal; and where the platform runs ({@code target}),
 * for what reads it on either target.
 *
 * @param dockerHost the engine, with the deadline of each call; on the kubernetes target its deadline bounds each call to the API server
 */
public record StackSession(DockerHost dockerHost, Target target, String project, Path stackDir, Map<String, String> environment, Path home, Clock clock) {

    /** The compose target of {@code project}: what acts on the stack through the engine works on it alone. */
    public StackSession(DockerHost dockerHost, String project, Path stackDir, Map<String, String> environment, Path home, Clock clock) {
        this(dockerHost, new Target.Compose(project), project, stackDir, environment, home, clock);
    }

    /** The target's platform, open: its reader for services and logs. Close after use. */
    public TargetPlatform openPlatform() {
        return TargetPlatform.open(target, dockerHost, dockerHost.deadline(), clock);
    }

    /** The kubernetes target's stack, each call to its API server within the engine's call deadline. Close after use. */
    public KubernetesStack kubernetesStack(Target.Kubernetes cluster) {
        return KubernetesStack.connect(cluster, stackDir, dockerHost.callDeadline(), clock);
    }

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
