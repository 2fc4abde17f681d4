package io.cloudscale.probes.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Reads a pod's status into a {@link PodState}: the container that runs the service is the one named after it, else the first. */
final class PodStates {

    private PodStates() {
    }

    static PodState of(String service, Pod pod) {
        PodStatus status = Objects.requireNonNullElseGet(pod.getStatus(), PodStatus::new);
        Optional<ContainerStatus> container = serviceContainer(service, status.getContainerStatuses());
        ContainerState now = container.map(ContainerStatus::getState).orElse(null);
        ContainerState last = container.map(ContainerStatus::getLastState).orElse(null);
        String doing;
        Instant startedAt = null;
        String waitingReason = null;
        String terminatedReason = null;
        Integer exitCode = null;
        if (now != null && now.getRunning() != null) {
            doing = PodState.RUNNING;
            startedAt = instant(now.getRunning().getStartedAt());
        } else if (now != null && now.getWaiting() != null) {
            doing = PodState.WAITING;
            waitingReason = now.getWaiting().getReason();
        } else if (now != null && now.getTerminated() != null) {
            doing = PodState.TERMINATED;
            terminatedReason = now.getTerminated().getReason();
            exitCode = now.getTerminated().getExitCode();
            startedAt = instant(now.getTerminated().getStartedAt());
        } else {
            doing = PodState.NONE;
        }
        boolean terminatedBefore = last != null && last.getTerminated() != null;
        return new PodState(service, pod.getMetadata().getName(), status.getPhase(), pod.getMetadata().getDeletionTimestamp() != null,
                containerName(service, pod, container), doing, container.map(ContainerStatus::getReady).orElse(false), container.map(ContainerStatus::getRestartCount).orElse(0),
                startedAt, waitingReason, terminatedReason, exitCode,
                terminatedBefore ? last.getTerminated().getReason() : null, terminatedBefore ? last.getTerminated().getExitCode() : null,
                instant(pod.getMetadata().getCreationTimestamp()));
    }

    /** The status's container, or before the kubelet reported any, the spec's container named after the service, else its first. */
    private static String containerName(String service, Pod pod, Optional<ContainerStatus> status) {
        if (status.isPresent()) {
            return status.get().getName();
        }
        List<Container> containers = pod.getSpec() == null || pod.getSpec().getContainers() == null ? List.of() : pod.getSpec().getContainers();
        return containers.stream().map(Container::getName).filter(service::equals).findFirst()
                .or(() -> containers.stream().map(Container::getName).findFirst())
                .orElse(service);
    }

    private static Optional<ContainerStatus> serviceContainer(String service, List<ContainerStatus> statuses) {
        if (statuses == null || statuses.isEmpty()) {
            return Optional.empty();
        }
        return statuses.stream().filter(status -> service.equals(status.getName())).findFirst().or(() -> Optional.of(statuses.getFirst()));
    }

    private static Instant instant(String rfc3339) {
        if (rfc3339 == null || rfc3339.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(rfc3339);
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }
}
