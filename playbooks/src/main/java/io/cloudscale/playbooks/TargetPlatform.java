package io.cloudscale.playbooks;

import io.cloudscale.core.config.Target;
import io.cloudscale.probes.compose.ComposePlatform;
import io.cloudscale.probes.docker.DockerEngine;
import io.cloudscale.probes.docker.DockerHost;
import io.cloudscale.probes.kubernetes.KubernetesPlatform;
import io.cloudscale.probes.signals.PlatformReader;
import java.time.Clock;
import java.time.Duration;

/**
 * The platform of one invocation's target, open: the compose project on this machine's engine, or the cluster's
 * namespace. What reads the platform asks its {@link #reader()}; the few things only one target has (compose's
 * engine for its published ports and container logs; the cluster's pods) are had by matching on the kind.
 */
public sealed interface TargetPlatform extends AutoCloseable permits TargetPlatform.Compose, TargetPlatform.Kubernetes {

    /** Reads the services and their logs: on compose a log read ends within {@code logRead}; on a cluster every call ends within the API server's deadline. */
    PlatformReader reader(Duration logRead);

    /** The services and their logs, log reads within the longest a probe allows one. */
    PlatformReader reader();

    @Override
    void close();

    /** Opens the target's connection: the engine for compose, a client of the API server for kubernetes. */
    static TargetPlatform open(Target target, DockerHost dockerHost, Duration apiDeadline, Clock clock) {
        return switch (target) {
            case Target.Compose compose -> new Compose(DockerEngine.connect(dockerHost), compose.project(), clock);
            case Target.Kubernetes cluster -> new Kubernetes(KubernetesPlatform.connect(cluster.context(), cluster.namespace(), apiDeadline, clock));
        };
    }

    record Compose(DockerEngine engine, String project, Clock clock) implements TargetPlatform {

        @Override
        public ComposePlatform reader(Duration logRead) {
            return new ComposePlatform(engine, project, logRead, clock);
        }

        @Override
        public ComposePlatform reader() {
            return reader(io.cloudscale.probes.signals.LogSignatureProbe.LOG_READ);
        }

        @Override
        public void close() {
            engine.close();
        }
    }

    record Kubernetes(KubernetesPlatform platform) implements TargetPlatform {

        /** Every call is bounded by the API server's deadline already. */
        @Override
        public KubernetesPlatform reader(Duration logRead) {
            return platform;
        }

        @Override
        public KubernetesPlatform reader() {
            return platform;
        }

        @Override
        public void close() {
            platform.close();
        }
    }
}
