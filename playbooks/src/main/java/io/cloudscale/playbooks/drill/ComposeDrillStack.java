package io.cloudscale.playbooks.drill;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.Poll;
import io.cloudscale.stack.lifecycle.PipelineReadings;
import io.cloudscale.probes.signals.ServiceState;
import io.cloudscale.stack.lifecycle.StackLifecycle;
import io.cloudscale.stack.lifecycle.StackProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The running stack as a drill acts on it: one service stopped, started, paused, or re-created with a
 * setting changed; the whole stack awaited healthy; the dashboard's count read.
 */
public record DrillStack(StackLifecycle lifecycle, StackProfile profile, String project) {

    /** How long a stopped service may take to exit before the engine kills it. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private String container(String service) {
        ServiceState state = lifecycle.view().services().get(service);
        if (state == null) {
            throw new CloudscaleException.ProblemFound("service " + service + " has no container", "cloudscale status");
        }
        return state.containerId();
    }

    public void stop(String service) {
        lifecycle.engine().stop(container(service), STOP_GRACE);
    }

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

    /**
     * Re-creates the service with these settings over the stack's own (an empty map puts the stack's own back),
     * and returns once the new container is healthy or has failed: a fault is in place only from then on.
     */
    public void recreate(String service, Map<String, String> settings) throws InterruptedException {
        lifecycle.recreate(profile, service, settings, Duration.ofMinutes(2));
    }

    /** Waits until every service of the profile is running and healthy; the ones that are not, when the time is up. */
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

    /** Events stored, as the dashboard shows them; null when the dashboard cannot say. */
    public Long storedEvents() {
        PipelineReadings.Reading reading = lifecycle.pipelineReadings(lifecycle.view().services()).read();
        return reading.unreachable().containsKey("dashboard") || reading.unreachable().containsKey("store") ? null : reading.storedEvents();
    }
}
