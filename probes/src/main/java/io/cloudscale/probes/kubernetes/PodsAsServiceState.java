package io.cloudscale.probes.kubernetes;

import io.cloudscale.probes.compose.ComposePlatform;
import io.cloudscale.probes.signals.ServiceState;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * A service's pods read as the {@link ServiceState} compose's containers give, so that "up", "alive" and
 * "crash-looping" mean the same on both targets and the tree asks one question of either:
 * <ul>
 *   <li>state: {@code running} while the container runs; {@code restarting} while the kubelet waits to start it
 *       again after a crash (CrashLoopBackOff, or any wait after a restart); {@code created} while it has never run
 *       (ContainerCreating, ImagePullBackOff, a missing Secret); {@code exited} once it ended; {@code removing} while
 *       the pod is being deleted.</li>
 *   <li>health: {@code healthy} when the kubelet says ready; not ready, {@code starting} within {@link #SETTLED}
 *       of its start (compose's start period), {@code unhealthy} after.</li>
 *   <li>exit code and OOM: of the run that ended last, while the container does not run; compose's values are
 *       the current container's too, and a running container has none.</li>
 *   <li>crash-looping: restarted, and now waiting, ended, or started less than {@link #SETTLED} ago — caught
 *       between two crashes, as compose's restart policy leaves a container.</li>
 * </ul>
 * Of several pods (a rollout, replicas) the service is what its best pod is: one that is up serves the
 * Service's traffic; with none up, the newest tells what the service does now.
 */
final class PodsAsServiceState {

    /** How long a restarted container must have run to count as up again: the compose target's measure. */
    static final Duration SETTLED = ComposePlatform.SETTLED;
    /** Waiting reasons of a container that has not run yet in this pod. */
    private static final Set<String> NOT_STARTED = Set.of("ContainerCreating", "PodInitializing", "ErrImagePull", "ImagePullBackOff",
            "InvalidImageName", "CreateContainerConfigError", "CreateContainerError");

    private final Clock clock;

    PodsAsServiceState(Clock clock) {
        this.clock = clock;
    }

    /** The service's state from its pods; {@code pods} is not empty. */
    ServiceState of(List<PodState> pods) {
        return of(representative(pods));
    }

    /** The pod that tells what the service is: the newest one that is up, else the newest. */
    PodState representative(List<PodState> pods) {
        List<PodState> newestFirst = pods.stream()
                .sorted(Comparator.comparing(PodState::created, Comparator.nullsFirst(Comparator.naturalOrder())).reversed())
                .toList();
        return newestFirst.stream().filter(pod -> of(pod).up()).findFirst().orElse(newestFirst.getFirst());
    }

    ServiceState of(PodState pod) {
        boolean crashLooping = pod.restarts() > 0 && switch (pod.container()) {
            case PodState.WAITING, PodState.TERMINATED -> true;
            case PodState.RUNNING -> startedWithin(pod);
            default -> false;
        };
        boolean ended = !PodState.RUNNING.equals(pod.container());
        // a pod publishes no port of this machine and joins no compose network; its container has no engine id
        return new ServiceState(pod.service(), pod.pod(), state(pod), health(pod), pod.restarts(), ended ? pod.endExitCode() : null,
                ended && "OOMKilled".equals(pod.endReason()), crashLooping, null, ended ? null : pod.startedAt(), List.of(), List.of());
    }

    private static String state(PodState pod) {
        if (pod.deleting()) {
            return "removing";
        }
        return switch (pod.container()) {
            case PodState.RUNNING -> "running";
            case PodState.TERMINATED -> "exited";
            case PodState.WAITING -> pod.restarts() == 0 && NOT_STARTED.contains(pod.waitingReason()) ? "created" : "restarting";
            default -> "Failed".equals(pod.phase()) || "Succeeded".equals(pod.phase()) ? "exited" : "created";
        };
    }

    private String health(PodState pod) {
        if (!PodState.RUNNING.equals(pod.container())) {
            return null;
        }
        if (pod.ready()) {
            return "healthy";
        }
        return startedWithin(pod) ? "starting" : "unhealthy";
    }

    private boolean startedWithin(PodState pod) {
        return pod.startedAt() != null && Duration.between(pod.startedAt(), clock.instant()).compareTo(SETTLED) < 0;
    }
}
