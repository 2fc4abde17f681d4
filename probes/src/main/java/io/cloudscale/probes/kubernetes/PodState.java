package io.cloudscale.probes.kubernetes;

import java.time.Instant;

/**
 * One pod of a service, as the kubelet reports it in the pod's status: the pod's phase, and of the service's
 * container whether it is ready, how often it restarted, what it is doing now (running since, waiting and why,
 * terminated with which code) and how its previous run ended. Times and reasons are null where the status has none.
 *
 * @param containerName the container that runs the service: the one named after it, else the pod's first
 * @param container what that container is doing now: {@code running}, {@code waiting}, {@code terminated},
 *                  or {@code none} before the kubelet reported it at all
 */
public record PodState(String service, String pod, String phase, boolean deleting, String containerName, String container, boolean ready,
                       int restarts,
                       Instant startedAt, String waitingReason, String terminatedReason, Integer exitCode,
                       String lastTerminationReason, Integer lastExitCode, Instant created) {

    public static final String RUNNING = "running";
    public static final String WAITING = "waiting";
    public static final String TERMINATED = "terminated";
    public static final String NONE = "none";

    /** The reason its last run ended, now or before: what the pod's own status says of the service's crash. */
    public String endReason() {
        return terminatedReason != null ? terminatedReason : lastTerminationReason;
    }

    /** The exit code of the run that ended last: the current one if it has ended, else the previous one. */
    public Integer endExitCode() {
        return exitCode != null ? exitCode : lastExitCode;
    }
}
