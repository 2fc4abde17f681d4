package io.cloudscale.playbooks;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.probes.kubernetes.ClusterForwards;
import io.cloudscale.probes.kubernetes.KubernetesPlatform;
import io.cloudscale.probes.signals.ServiceState;
import io.cloudscale.probes.signals.StackState;
import io.cloudscale.stack.endpoints.StackEndpoints;
import io.cloudscale.stack.lifecycle.PipelineReadings;
import io.cloudscale.stack.lifecycle.StackLifecycle;
import io.cloudscale.stack.lifecycle.StackStatus;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * `status` wherever the platform runs: on compose, the services and the pipeline's figures through the ports the
 * stack publishes; on a cluster, the services from their pods, and the pipeline's figures through port-forwards to the
 * gateway's and the dashboard's pods. A figure that cannot be read is named in {@code unreachable} with why, never
 * shown as zero.
 */
public final class PlatformStatus {

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
            return ofCluster(((TargetPlatform.Kubernetes) target).platform(), session.endpoints(), session.clock());
        }
    }

    static StackStatus ofCluster(KubernetesPlatform cluster, StackEndpoints endpoints, Clock clock) throws InterruptedException {
        StackState stack = cluster.services();
        if (stack.services().isEmpty()) {
            throw new CloudscaleException.Unreachable("the stack is not running: no pod of the stack in " + cluster.describe(),
                    "kubectl get pods -l " + KubernetesPlatform.NAME_LABEL + " shows what runs; check --context and --namespace", null);
        }
        Map<String, String> notForwarded = new TreeMap<>();
        ClusterForwards forwards = cluster.forwards();
        PipelineReadings readings = new PipelineReadings(forwarded(forwards, StackEndpoints.GATEWAY, endpoints.gatewayStatus(), notForwarded),
                forwarded(forwards, StackEndpoints.DASHBOARD, endpoints.dashboardSummary(), notForwarded), clock);
        PipelineReadings.Reading first = readings.read();
        Double ingest = first.gatewayRequests() == null ? null : readings.ingestAfter(first).orElse(null);
        Map<String, String> unreachable = new TreeMap<>(first.unreachable());
        unreachable.putAll(notForwarded);
        for (String service : List.of(StackEndpoints.GATEWAY, StackEndpoints.DASHBOARD)) {
            if (unreachable.containsKey(service)) {
                forwards.broken(service, StackEndpoints.HTTP_PORT).ifPresent(why -> unreachable.put(service, why));
            }
        }
        PipelineReadings.Reading reading = new PipelineReadings.Reading(first.at(), first.gatewayRequests(), first.storedEvents(),
                first.storedCountedAt(), first.storedPerMinute(), first.queueDepth(), first.deadLettered(), first.circuit(), unreachable);
        Map<String, ServiceState> states = new TreeMap<>();
        stack.services().forEach(state -> states.put(state.service(), state));
        return StackStatus.of(stack.project(), null, states, reading, ingest, clock.instant());
    }

    /** {@code uri} at the port-forward to the service's http port here; null, with why in {@code notForwarded}, when there is none. */
    private static URI forwarded(ClusterForwards forwards, String service, URI uri, Map<String, String> notForwarded) {
        try {
            return ClusterForwards.at(uri, forwards.to(service, StackEndpoints.HTTP_PORT));
        } catch (CloudscaleException.Unreachable unreachable) {
            notForwarded.put(service, unreachable.getMessage());
            return null;
        }
    }

}
