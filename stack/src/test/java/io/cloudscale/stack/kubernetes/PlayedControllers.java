package io.cloudscale.stack.kubernetes;

import static io.cloudscale.probes.kubernetes.KubeletStatuses.container;
import static io.cloudscale.probes.kubernetes.KubeletStatuses.pod;
import static io.cloudscale.probes.kubernetes.KubeletStatuses.running;

import io.cloudscale.probes.kubernetes.KubeletStatuses;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What a cluster's Deployment controller and kubelet would write into a mock API server, which runs neither: a
 * Deployment's rollout status, and its pods with their container statuses, through the status subresource.
 */
public record PlayedControllers(KubernetesClient cluster, String namespace) {

    /** Waits for {@code count} Deployments to be there, as the controller would see them appear; false when they were not within {@code limit}. */
    public boolean awaitDeployments(int count, Duration limit) throws InterruptedException {
        long until = System.nanoTime() + limit.toNanos();
        while (deployments().size() < count) {
            if (System.nanoTime() > until) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    public List<String> deployments() {
        return cluster.apps().deployments().inNamespace(namespace).list().getItems().stream().map(d -> d.getMetadata().getName()).sorted().toList();
    }

    /** A finished rollout as the controller reports it, and its one ready pod as the kubelet does. */
    public void rolledOut(String name) {
        reports(name, 1, 1, 1);
        kubelet(pod(name, name + "-5d8f9-ready", Instant.now()), "Running", container(name, true, 0).withState(running(Instant.now())).build());
    }

    /** The Deployment controller's status for the Deployment's current generation. */
    public void reports(String name, int replicas, int updated, int available) {
        Deployment deployment = cluster.apps().deployments().inNamespace(namespace).withName(name).get();
        long generation = Objects.requireNonNullElse(deployment.getMetadata().getGeneration(), 1L);
        cluster.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder(deployment).withNewStatus()
                .withObservedGeneration(generation).withReplicas(replicas).withUpdatedReplicas(updated)
                .withAvailableReplicas(available).withReadyReplicas(available).endStatus().build()).updateStatus();
    }

    /** Waits for the Deployment's spec to change (a generation the controller has not reported yet), then reports that rollout. */
    /** Runs {@code action} while reporting the rollout it starts to {@code replicas} available, as the controller would. */
    public <T> T whileReportingRollout(String name, int replicas, Callable<T> action) throws Exception {
        CompletableFuture<T> running = CompletableFuture.supplyAsync(() -> {
            try {
                return action.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, Thread::startVirtualThread);
        reportsNextRollout(name, replicas, replicas, Duration.ofSeconds(20));
        return running.get(30, TimeUnit.SECONDS);
    }

    public void reportsNextRollout(String name, int replicas, int available, Duration limit) throws InterruptedException {
        long until = System.nanoTime() + limit.toNanos();
        while (true) {
            Deployment deployment = cluster.apps().deployments().inNamespace(namespace).withName(name).get();
            long generation = Objects.requireNonNullElse(deployment.getMetadata().getGeneration(), 1L);
            long observed = deployment.getStatus() == null ? 0 : Objects.requireNonNullElse(deployment.getStatus().getObservedGeneration(), 0L);
            if (generation > observed) {
                reports(name, replicas, replicas, available);
                return;
            }
            if (System.nanoTime() > until) {
                throw new AssertionError(name + " was not changed within " + limit);
            }
            Thread.sleep(50);
        }
    }

    /** The pod as its ReplicaSet creates it, then its status as the kubelet writes it. */
    public void kubelet(Pod pod, String phase, ContainerStatus status) {
        KubeletStatuses.report(cluster, namespace, pod, phase, status);
    }
}
