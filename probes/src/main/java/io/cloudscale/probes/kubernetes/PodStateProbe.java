package io.cloudscale.probes.kubernetes;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.Status;
import io.cloudscale.core.diagnosis.Evidence;
import io.cloudscale.core.diagnosis.Observation;
import io.cloudscale.core.diagnosis.Probe;
import io.cloudscale.core.diagnosis.ProbeSpec;
import io.cloudscale.core.diagnosis.Settled;
import io.cloudscale.probes.signals.ContainerStateProbe;
import io.cloudscale.probes.signals.ServiceState;
import io.cloudscale.probes.signals.StackState;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The kubernetes target's {@link ContainerStateProbe}: the same key and the same {@link StackState}, read from the
 * stack's pods, so the zero-events tree asks its questions (is the API up, is the processor alive) unchanged.
 * Its evidence names each pod with what the kubelet says of it: waiting reasons, and how its last run ended.
 */
public record PodStateProbe(KubernetesPlatform platform, Clock clock) implements Probe<StackState> {

    @Override
    public ProbeSpec<StackState> spec() {
        return new ProbeSpec<>(ContainerStateProbe.KEY, "phase, readiness, restarts and last termination of every pod of the stack in "
                + platform.describe(), 1, Duration.ofSeconds(5));
    }

    @Override
    public Observation<StackState> observe(Settled settled) {
        List<PodState> pods;
        Set<String> scaledToZero;
        try {
            pods = platform.pods();
            scaledToZero = platform.scaledToZero();
        } catch (CloudscaleException.Unreachable e) {
            return Observation.unknown(name(), e.getMessage());
        }
        if (pods.isEmpty() && scaledToZero.isEmpty()) {
            return Observation.unknown(name(), "no pod of the stack in " + platform.describe() + ": is it deployed?");
        }
        StackState stack = platform.stackOf(pods, scaledToZero);
        List<Evidence> evidence = new ArrayList<>();
        for (PodState pod : pods.stream().sorted(Comparator.comparing(PodState::service).thenComparing(PodState::pod)).toList()) {
            evidence.add(new Evidence("kubernetes pod " + pod.pod(), clock.instant(), describe(pod)));
        }
        for (ServiceState service : stack.services()) {
            if (KubernetesPlatform.SCALED_TO_ZERO.equals(service.container())) {
                evidence.add(new Evidence("kubernetes deployment " + service.service(), clock.instant(),
                        service.service() + ": Deployment scaled to 0 replicas, no pod"));
            }
        }
        Status status = Status.OK;
        for (ServiceState service : stack.services()) {
            if (!service.up()) {
                status = Status.FAIL;
            } else if (service.restarts() > 0 && status == Status.OK) {
                status = Status.WARN;
            }
        }
        return Observation.of(name(), status, stack, evidence);
    }

    private static String describe(PodState pod) {
        StringBuilder text = new StringBuilder(pod.service()).append(": pod ").append(pod.phase() == null ? "?" : pod.phase())
                .append(pod.deleting() ? " (being deleted)" : "")
                .append(", container ").append(pod.container())
                .append(pod.waitingReason() == null ? "" : " (" + pod.waitingReason() + ")")
                .append(pod.ready() ? ", ready" : ", not ready")
                .append(", restarts ").append(pod.restarts());
        if (pod.endReason() != null || pod.endExitCode() != null) {
            text.append(PodState.TERMINATED.equals(pod.container()) ? ", ended " : ", last run ended ")
                    .append(pod.endReason() == null ? "" : pod.endReason())
                    .append(pod.endExitCode() == null ? "" : " (exit code " + pod.endExitCode() + ")");
        }
        return text.toString();
    }
}
