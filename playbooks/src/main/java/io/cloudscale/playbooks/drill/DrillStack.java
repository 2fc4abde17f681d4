package io.cloudscale.playbooks.drill;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.probes.docker.DockerEngine;
import io.cloudscale.stack.lifecycle.PipelineReadings;
import io.cloudscale.stack.lifecycle.ServiceState;
import io.cloudscale.stack.lifecycle.StackLifecycle;
import io.cloudscale.stack.lifecycle.StackProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The running stack as a drill acts on it: one service stopped, started, paused, or re-created with a
 * setting changed; the whole stack awaited healthy; the dashboard's count read.
 */
public final class DrillStack {

    private final StackLifecycle lifecycle;
    private final StackProfile profile;
    private final String project;

    public DrillStack(StackLifecycle lifecycle, StackProfile profile, String project) {
        this.lifecycle = lifecycle;
        this.profile = profile;
        this.project = project;
    }

    public StackLifecycle lifecycle() {
        return lifecycle;
    }

    public StackProfile profile() {
        return profile;
    }

    public String project() {
        return project;
    }

    private String container(String service) {
        ServiceState state = lifecycle.view().services().get(service);
        if (state == null) {
            throw new CloudscaleException.ProblemFound("service " + service + " has no container", "cloudscale status");
        }
        return state.containerId();
    }

    public void stop(String service) {
        lifecycle.engine().client().stopContainerCmd(container(service)).withTimeout(10).exec();
    }

    public void start(String service) {
        lifecycle.engine().client().startContainerCmd(container(service)).exec();
    }

    public void pause(String service) {
        lifecycle.engine().client().pauseContainerCmd(container(service)).exec();
    }

    public void unpause(String service) {
        lifecycle.engine().client().unpauseContainerCmd(container(service)).exec();
    }

    /** Cuts the service off its neighbours: it keeps running, but nothing on the stack's networks reaches it. */
    public void disconnect(String service) {
        String id = container(service);
        var client = lifecycle.engine().client();
        for (String network : client.inspectContainerCmd(id).exec().getNetworkSettings().getNetworks().keySet()) {
            client.disconnectFromNetworkCmd().withNetworkId(network).withContainerId(id).withForce(true).exec();
        }
    }

    /** Puts the service back on the stack's networks under its service name, as compose attached it. */
    public void reconnect(String service) {
        String id = container(service);
        var client = lifecycle.engine().client();
        for (var network : client.listNetworksCmd().withFilter("label", List.of(DockerEngine.PROJECT_LABEL + "=" + project)).exec()) {
            client.connectToNetworkCmd().withNetworkId(network.getId()).withContainerId(id)
                    .withContainerNetwork(new com.github.dockerjava.api.model.ContainerNetwork().withAliases(service)).exec();
        }
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
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Map<String, ServiceState> services = lifecycle.view().services();
            List<String> notReady = expected.stream()
                    .filter(service -> services.get(service) == null || !services.get(service).ready())
                    .map(service -> services.get(service) == null ? service + ": no container" : service + ": " + services.get(service).describe())
                    .toList();
            if (notReady.isEmpty() || Instant.now().isAfter(deadline)) {
                return notReady;
            }
            Thread.sleep(1000);
        }
    }

    /** Events stored, as the dashboard shows them; null when the dashboard cannot say. */
    public Long storedEvents() {
        PipelineReadings.Reading reading = lifecycle.pipelineReadings(lifecycle.view().services()).read();
        return reading.unreachable().containsKey("dashboard") || reading.unreachable().containsKey("store") ? null : reading.storedEvents();
    }
}
