package io.cloudscale.playbooks.drill;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.Poll;
import io.cloudscale.probes.signals.ServiceState;
import io.cloudscale.stack.lifecycle.StackLifecycle;
import io.cloudscale.stack.lifecycle.StackProfile;
import io.cloudscale.stack.ports.PortService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The compose stack as a drill acts on it: one service's container stopped, started, paused, cut off its networks,
 * or re-created with a setting changed; the whole stack awaited healthy; the dashboard's count read through the
 * ports it publishes; and the port service, for the zombie port claim before up.
 */
public record ComposeDrillStack(StackLifecycle lifecycle, StackProfile profile, String project, Supplier<PortService> ports) implements DrillStack {

    /** How long a stopped service may take to exit before the engine kills it. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Duration RECREATE_TIMEOUT = Duration.ofMinutes(2);

    private String container(String service) {
        ServiceState state = lifecycle.view().services().get(service);
        if (state == null) {
            throw new CloudscaleException.ProblemFound("service " + service + " has no container", "cloudscale status");
        }
        return state.containerId();
    }

    @Override
    public List<String> services() {
        return lifecycle.services(profile);
    }

    @Override
    public String profileName() {
        return profile.id();
    }

    @Override
    public void stop(String service) {
        lifecycle.engine().stop(container(service), STOP_GRACE);
    }

    @Override
    public void start(String service) {
        lifecycle.engine().start(container(service));
    }

    public void pause(String service) {
        lifecycle.engine().pause(container(service));
    }

    public void unpause(String service) {
        lifecycle.engine().unpause(container(service));
    }

    /** Cuts the service off its neighbours: it keeps running, but nothing on the stack's networks reaches it. */
    public void disconnect(String service) {
        lifecycle.engine().disconnectFromAll(container(service));
    }

    /** Puts the service back on the stack's networks under its service name, as compose attached it. */
    public void reconnect(String service) {
        lifecycle.engine().connectToProjectNetworks(project, container(service), service);
    }

    @Override
    public void recreate(String service, Map<Setting, String> settings) throws InterruptedException {
        Map<String, String> variables = new TreeMap<>();
        settings.forEach((setting, value) -> variables.put(setting.composeVariable(), value));
        recreateWithVariables(service, variables);
    }

    @Override
    public void restoreSettings(String service) throws InterruptedException {
        recreateWithVariables(service, Map.of());
    }

    /**
     * Re-creates the service with these compose variables over the stack's own (an empty map puts the stack's own back),
     * and returns once the new container is healthy or has failed.
     */
    public void recreateWithVariables(String service, Map<String, String> variables) throws InterruptedException {
        lifecycle.recreate(profile, service, variables, RECREATE_TIMEOUT);
    }

    @Override
    public List<String> awaitHealthy(Duration timeout) throws InterruptedException {
        List<String> expected = lifecycle.services(profile);
        return Poll.until(() -> {
            Map<String, ServiceState> services = lifecycle.view().services();
            return expected.stream()
                    .filter(service -> services.get(service) == null || !services.get(service).ready())
                    .map(service -> services.get(service) == null ? service + ": no container" : service + ": " + services.get(service).describe())
                    .toList();
        }, List::isEmpty, Duration.ofSeconds(1), timeout).last();
    }

    @Override
    public DashboardCount storedCount() {
        return DrillStack.storedIn(lifecycle.pipelineReadings(lifecycle.view().services()).read());
    }
}
