package io.cloudscale.stack.kubernetes;

import io.cloudscale.core.Poll;
import io.cloudscale.probes.kubernetes.KubernetesApi;
import io.cloudscale.probes.kubernetes.KubernetesPlatform;
import io.cloudscale.probes.kubernetes.PodState;
import io.cloudscale.stack.lifecycle.ServiceProgress;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Watches each of the stack's Deployments roll out, as compose's up watches its containers: complete when the
 * Deployment controller reports every replica of the current template updated and available (kubectl's rollout
 * status), failed at once when one of its pods cannot start or keeps crashing (the kubelet's waiting reasons),
 * or when the controller gives up on the rollout, or when the time is up.
 */
record RolloutWatch(KubernetesApi api, KubernetesPlatform platform, Duration poll) {

    /** Waiting reasons that a pod does not leave by itself: nobody waits out a timeout for them. */
    static final Set<String> FAILING = Set.of("CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull", "InvalidImageName",
            "CreateContainerConfigError", "CreateContainerError", "RunContainerError");

    /** One Deployment's standing; for a failed one, the pod that says why (null when it is the rollout itself that failed). */
    record Rollout(ServiceProgress progress, PodState failingPod) {
    }

    interface Listener {
        void update(List<ServiceProgress> services);
    }

    /** Every Deployment's end: complete, failed, or failed at the timeout with where it stood. */
    List<Rollout> await(List<String> deployments, Duration timeout, Listener listener) throws InterruptedException {
        long started = System.nanoTime();
        Map<String, Rollout> settled = new LinkedHashMap<>();
        return Poll.until(() -> {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            Map<String, Deployment> current = api.call("reading the stack's Deployments in namespace " + api.namespace(),
                    () -> api.client().apps().deployments().inNamespace(api.namespace())
                            .withLabel(StackObjects.PART_OF_LABEL, StackObjects.PART_OF).list().getItems())
                    .stream().collect(Collectors.toMap(deployment -> deployment.getMetadata().getName(), Function.identity()));
            List<PodState> pods = platform.pods();
            Map<String, Rollout> now = new LinkedHashMap<>();
            for (String name : deployments) {
                Rollout rollout = settled.containsKey(name) ? settled.get(name) : look(name, current.get(name), pods, elapsed, timeout);
                if (rollout.progress().phase() != ServiceProgress.Phase.STARTING) {
                    settled.putIfAbsent(name, rollout);
                }
                now.put(name, rollout);
            }
            List<Rollout> snapshot = List.copyOf(now.values());
            listener.update(snapshot.stream().map(Rollout::progress).toList());
            return snapshot;
        }, snapshot -> settled.size() == deployments.size(), poll, timeout.plus(poll)).last().stream()
                // the last look can come just before the timeout when the API server is slow to answer: still starting is not rolled out
                .map(rollout -> rollout.progress().phase() != ServiceProgress.Phase.STARTING ? rollout
                        : failed(rollout.progress().service(), rollout.progress().elapsed(),
                        "not ready within " + timeout.toSeconds() + " s: " + rollout.progress().detail(), null))
                .toList();
    }

    private static Rollout look(String name, Deployment deployment, List<PodState> pods, Duration elapsed, Duration timeout) {
        if (deployment == null) {
            return elapsed.compareTo(timeout) >= 0
                    ? failed(name, elapsed, "not there after " + timeout.toSeconds() + " s: was it deleted?", null)
                    : new Rollout(new ServiceProgress(name, ServiceProgress.Phase.STARTING, elapsed, "waiting for the Deployment", null), null);
        }
        String service = service(deployment);
        List<PodState> own = pods.stream().filter(pod -> pod.service().equals(service) && !pod.deleting())
                .sorted(Comparator.comparing(PodState::pod)).toList();
        String standing = standing(deployment);
        if (complete(deployment)) {
            return new Rollout(new ServiceProgress(name, ServiceProgress.Phase.HEALTHY, elapsed, standing, null), null);
        }
        Optional<PodState> failing = own.stream().filter(pod -> pod.waitingReason() != null && FAILING.contains(pod.waitingReason())).findFirst();
        if (failing.isPresent()) {
            return failed(name, elapsed, describe(failing.get()), failing.get());
        }
        Optional<DeploymentCondition> stalled = condition(deployment, "Progressing")
                .filter(progressing -> "ProgressDeadlineExceeded".equals(progressing.getReason()));
        if (stalled.isPresent()) {
            return failed(name, elapsed, "rollout stalled: " + stalled.get().getMessage(), null);
        }
        String pod = own.stream().filter(candidate -> !candidate.ready()).findFirst().map(RolloutWatch::describe).orElse(null);
        String detail = pod == null ? standing : standing + "; " + pod;
        if (elapsed.compareTo(timeout) >= 0) {
            return failed(name, elapsed, "not ready within " + timeout.toSeconds() + " s: " + detail,
                    own.stream().filter(candidate -> !candidate.ready()).findFirst().orElse(null));
        }
        return new Rollout(new ServiceProgress(name, ServiceProgress.Phase.STARTING, elapsed, detail, null), null);
    }

    /** The service whose pods the Deployment selects: its selector's name label, else its own name. */
    static String service(Deployment deployment) {
        return Optional.ofNullable(deployment.getSpec().getSelector()).map(selector -> selector.getMatchLabels())
                .map(labels -> labels.get(KubernetesPlatform.NAME_LABEL)).orElse(deployment.getMetadata().getName());
    }

    private static Rollout failed(String name, Duration elapsed, String detail, PodState pod) {
        return new Rollout(new ServiceProgress(name, ServiceProgress.Phase.FAILED, elapsed, detail, null), pod);
    }

    /** As kubectl's rollout status: the controller saw this template, and every replica of it is updated and available. */
    static boolean complete(Deployment deployment) {
        DeploymentStatus status = deployment.getStatus();
        if (status == null) {
            return false;
        }
        long generation = Objects.requireNonNullElse(deployment.getMetadata().getGeneration(), 0L);
        long observed = Objects.requireNonNullElse(status.getObservedGeneration(), 0L);
        int wanted = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
        int updated = Objects.requireNonNullElse(status.getUpdatedReplicas(), 0);
        int replicas = Objects.requireNonNullElse(status.getReplicas(), 0);
        int available = Objects.requireNonNullElse(status.getAvailableReplicas(), 0);
        return observed >= generation && updated >= wanted && replicas <= updated && available >= updated;
    }

    static String standing(Deployment deployment) {
        DeploymentStatus status = Objects.requireNonNullElseGet(deployment.getStatus(), DeploymentStatus::new);
        return Objects.requireNonNullElse(status.getAvailableReplicas(), 0) + "/" + Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1)
                + " available, " + Objects.requireNonNullElse(status.getUpdatedReplicas(), 0) + " updated";
    }

    private static Optional<DeploymentCondition> condition(Deployment deployment, String type) {
        return deployment.getStatus() == null || deployment.getStatus().getConditions() == null ? Optional.empty()
                : deployment.getStatus().getConditions().stream().filter(condition -> type.equals(condition.getType())).findFirst();
    }

    /** A pod as the operator needs it: what it waits for, how its last run ended, how often it restarted. */
    static String describe(PodState pod) {
        StringBuilder text = new StringBuilder("pod ").append(pod.pod()).append(' ')
                .append(pod.waitingReason() != null ? pod.waitingReason() : pod.container() + (pod.ready() ? ", ready" : ", not ready"));
        if (pod.endReason() != null || pod.endExitCode() != null) {
            text.append(PodState.TERMINATED.equals(pod.container()) ? ", ended " : ", last run ended ")
                    .append(Objects.requireNonNullElse(pod.endReason(), "?"))
                    .append(pod.endExitCode() == null ? "" : " (exit code " + pod.endExitCode() + ")");
        }
        if (pod.restarts() > 0) {
            text.append(", ").append(pod.restarts()).append(pod.restarts() == 1 ? " restart" : " restarts");
        }
        return text.toString();
    }
}
