package io.cloudscale.playbooks.drill;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.Poll;
import io.cloudscale.probes.kubernetes.ClusterForwards;
import io.cloudscale.probes.signals.ServiceState;
import io.cloudscale.stack.endpoints.StackEndpoints;
import io.cloudscale.stack.kubernetes.KubernetesActions;
import io.cloudscale.stack.kubernetes.KubernetesStack;
import io.cloudscale.stack.lifecycle.PipelineReadings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stack on a cluster as a drill acts on it, through the API server: a service stopped by scaling its Deployment to
 * 0 and started by scaling it back to the replicas it had; re-deployed with a setting changed by patching its
 * Deployment's env (every pod replaced) and rolled back to the template it had; awaited healthy as every Deployment
 * rolled out and every pod ready; the dashboard's count read through a port-forward to its pod, and the clients'
 * endpoint, the gateway, reached the same way. Forwards follow the pods: a service scaled back or rolled out has new
 * pods, under new names.
 */
public final class ClusterDrillStack implements DrillStack {

    /** What the drill stack says it runs, for the report: a cluster runs whichever overlay was applied. */
    static final String PROFILE = "kubernetes";

    private final KubernetesStack stack;
    private final KubernetesActions actions;
    private final String namespace;
    private final StackEndpoints endpoints;
    private final Clock clock;
    private final Duration rollout;
    /** Each service's settings changed by {@link #recreate} and not rolled back yet: what to roll back to. */
    private final Map<String, KubernetesActions.EnvChange> changed = new HashMap<>();

    /** @param rollout how long each change may take to roll out (a scale, a patched env, a rollback) */
    public ClusterDrillStack(KubernetesStack stack, String namespace, StackEndpoints endpoints, Clock clock, Duration rollout) {
        this.stack = stack;
        this.actions = stack.actions();
        this.namespace = namespace;
        this.endpoints = endpoints;
        this.clock = clock;
        this.rollout = rollout;
    }

    @Override
    public String project() {
        return namespace;
    }

    @Override
    public List<String> services() {
        return stack.services().services().stream().map(ServiceState::service).toList();
    }

    @Override
    public String profileName() {
        return PROFILE;
    }

    /** Where the cluster is, for the operator. */
    public String describe() {
        return stack.describe();
    }

    @Override
    public void stop(String service) throws InterruptedException {
        actions.stop(service, rollout);
    }

    @Override
    public void start(String service) throws InterruptedException {
        actions.start(service, rollout);
    }

    @Override
    public void recreate(String service, Map<Setting, String> settings) throws InterruptedException {
        Map<String, String> env = new TreeMap<>();
        settings.forEach((setting, value) -> env.put(setting.env(), value));
        KubernetesActions.EnvChange change = actions.envChange(service, env);
        // kept before the patch: a patch or a rollout that fails part way is rolled back all the same
        changed.putIfAbsent(service, change);
        actions.apply(change, rollout);
    }

    @Override
    public void restoreSettings(String service) throws InterruptedException {
        KubernetesActions.EnvChange change = changed.get(service);
        if (change == null) {
            return; // the change was never read, so never made: nothing of it to undo
        }
        actions.rollBack(change, rollout);
        changed.remove(service);
    }

    @Override
    public List<String> awaitHealthy(Duration timeout) throws InterruptedException {
        return Poll.until(stack::notRolledOut, List::isEmpty, Duration.ofSeconds(1), timeout).last();
    }

    @Override
    public DashboardCount storedCount() {
        URI summary;
        try {
            summary = ClusterForwards.at(endpoints.dashboardSummary(), stack.forwards().current(StackEndpoints.DASHBOARD, StackEndpoints.HTTP_PORT));
        } catch (CloudscaleException.Unreachable noPod) {
            return null;
        }
        return DrillStack.storedIn(new PipelineReadings(null, summary, clock).read());
    }

    /** The clients' endpoint now: the gateway's ingest URL at a forward to a running gateway pod; Unreachable when none runs. */
    public URI ingest() {
        return ClusterForwards.at(endpoints.ingest(), stack.forwards().current(StackEndpoints.GATEWAY, StackEndpoints.HTTP_PORT));
    }
}
