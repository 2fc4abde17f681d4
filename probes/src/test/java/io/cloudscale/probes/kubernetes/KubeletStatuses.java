package io.cloudscale.probes.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;

/** Pods of the stack's services with the statuses a kubelet writes for them: running, ready or not, crash-looping, OOM-killed, not pulled. */
public final class KubeletStatuses {

    private KubeletStatuses() {
    }

    /** A pod of {@code service} as the Deployment's ReplicaSet creates it, before the kubelet reports anything; its port named http is 8080, as the base manifests have it. */
    public static Pod pod(String service, String name, Instant created) {
        return new PodBuilder()
                .withNewMetadata().withName(name).addToLabels(KubernetesPlatform.NAME_LABEL, service)
                .addToLabels("app.kubernetes.io/part-of", "cloudscale").withCreationTimestamp(created.toString()).endMetadata()
                .withNewSpec().addNewContainer().withName(service).withImage("cloudscale/service:local")
                .addNewPort().withName("http").withContainerPort(8080).endPort().endContainer().endSpec()
                .build();
    }

    /** Creates the pod in the API server, then writes its status as the kubelet does: through the status subresource. */
    public static void report(KubernetesClient cluster, String namespace, Pod pod, String phase, ContainerStatus status) {
        var pods = cluster.pods().inNamespace(namespace);
        pods.resource(pod).create();
        pods.resource(withStatus(pods.withName(pod.getMetadata().getName()).get(), phase, status)).updateStatus();
    }

    /** {@code service}'s pod, running and ready for the hour before {@code now}. */
    public static void reportHealthy(KubernetesClient cluster, String namespace, String service, Instant now) {
        report(cluster, namespace, pod(service, service + "-5d8f9-ok000", now.minusSeconds(3600)), "Running",
                container(service, true, 0).withState(running(now.minusSeconds(3590))).build());
    }

    public static Pod withStatus(Pod pod, String phase, ContainerStatus container) {
        return new PodBuilder(pod).withNewStatus().withPhase(phase).addToContainerStatuses(container).endStatus().build();
    }

    public static ContainerStatusBuilder container(String name, boolean ready, int restarts) {
        return new ContainerStatusBuilder().withName(name).withReady(ready).withRestartCount(restarts).withImage("cloudscale/service:local");
    }

    public static ContainerState running(Instant since) {
        return new ContainerStateBuilder().withNewRunning().withStartedAt(since.toString()).endRunning().build();
    }

    public static ContainerState waiting(String reason) {
        return new ContainerStateBuilder().withNewWaiting().withReason(reason).withMessage(reason + " (kubelet)").endWaiting().build();
    }

    public static ContainerState terminated(String reason, int exitCode, Instant started, Instant finished) {
        return new ContainerStateBuilder().withNewTerminated().withReason(reason).withExitCode(exitCode)
                .withStartedAt(started.toString()).withFinishedAt(finished.toString()).endTerminated().build();
    }
}
