package io.cloudscale.playbooks;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.probes.kubernetes.KubernetesPlatform;
import io.cloudscale.probes.signals.StackState;
import io.cloudscale.stack.lifecycle.StackLifecycle;
import io.cloudscale.stack.lifecycle.StackStatus;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

/**
 * `status` wherever the platform runs: on compose, the services and the pipeline's figures through the ports the
 * stack publishes; on a cluster, the services from their pods, and the pipeline's figures named unreadable (they are
 * read through the gateway and the dashboard, which are inside the cluster) rather than shown as zero.
 */
public final class PlatformStatus {

    /** Why the pipeline's figures are not read on a cluster. */
    static final String INSIDE_THE_CLUSTER = "inside the cluster: status reads the pods alone (probe and diagnose read it through a port-forward)";

    private PlatformStatus() {
    }

    /** Exit 3 (unreachable) when nothing of the stack runs where the target says. */
    public static StackStatus read(StackSession session) throws InterruptedException {
        if (session.target() instanceof io.cloudscale.core.config.Target.Compose) {
            try (StackLifecycle lifecycle = session.lifecycle()) {
                return lifecycle.status();
            }
        }
        try (TargetPlatform target = session.openPlatform()) {
            return ofCluster(((TargetPlatform.Kubernetes) target).platform(), session.clock());
        }
    }

    static StackStatus ofCluster(KubernetesPlatform cluster, Clock clock) {
        StackState stack = cluster.services();
        if (stack.services().isEmpty()) {
            throw new CloudscaleException.Unreachable("the stack is not running: no pod of the stack in " + cluster.describe(),
                    "kubectl get pods -l " + KubernetesPlatform.NAME_LABEL + " shows what runs; check --context and --namespace", null);
        }
        Map<String, String> unreadable = new TreeMap<>(Map.of("gateway", INSIDE_THE_CLUSTER, "dashboard", INSIDE_THE_CLUSTER));
        return new StackStatus(stack.project(), null,
                stack.services().stream().map(state -> StackStatus.Row.of(state, clock.instant())).toList(),
                new StackStatus.Pipeline(null, null, null, null, null, null, unreadable));
    }
}
