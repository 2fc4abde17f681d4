package io.cloudscale.probes.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Ports;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Every container (inspected, so created and exited ones show their bindings) and every stale
 * network endpoint, read once and then queried per port. The containers are inspected at once, and so are
 * the networks.
 */
public record EngineSnapshot(List<ContainerView> containers, List<StaleEndpointView> staleEndpoints) {

    public static EngineSnapshot capture(DockerEngine engine) {
        List<Container> listed = engine.client().listContainersCmd().withShowAll(true).exec();
        Set<String> liveIds = new HashSet<>();
        listed.forEach(container -> liveIds.add(container.getId()));
        // the networks are read while the containers are inspected
        CompletableFuture<List<StaleEndpointView>> stale = CompletableFuture.supplyAsync(() -> staleEndpoints(engine, liveIds), Thread::startVirtualThread);
        List<ContainerView> containers = inspectAll(engine, listed);
        try {
            return new EngineSnapshot(containers, stale.join());
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    public List<ContainerView> publishing(int hostPort) {
        return containers.stream()
                .filter(container -> container.bindings().stream().anyMatch(binding -> binding.hostPort() == hostPort))
                .toList();
    }

    public Optional<ContainerView> withAddress(String ipAddress) {
        return containers.stream().filter(container -> container.ipAddresses().contains(ipAddress)).findFirst();
    }

    private static List<ContainerView> inspectAll(DockerEngine engine, List<Container> listed) {
        return engine.inspectAll(listed.stream().map(Container::getId).toList()).stream().map(EngineSnapshot::view).toList();
    }

    static ContainerView view(InspectContainerResponse inspected) {
        Map<String, String> labels = Optional.ofNullable(inspected.getConfig().getLabels()).orElse(Map.of());
        Set<String> addresses = new HashSet<>();
        Optional.ofNullable(inspected.getNetworkSettings()).map(settings -> settings.getNetworks()).orElse(Map.of())
                .values().stream().map(ContainerNetwork::getIpAddress).filter(address -> address != null && !address.isEmpty())
                .forEach(addresses::add);
        return new ContainerView(inspected.getId(), inspected.getName().replaceFirst("^/", ""),
                inspected.getState().getStatus(), labels.get(DockerEngine.PROJECT_LABEL), labels.get(DockerEngine.SERVICE_LABEL),
                "True".equalsIgnoreCase(labels.get(DockerEngine.ONEOFF_LABEL)),
                Objects.requireNonNullElse(inspected.getRestartCount(), 0), bindings(inspected), addresses);
    }

    private static List<ContainerView.Binding> bindings(InspectContainerResponse inspected) {
        List<ContainerView.Binding> bindings = new ArrayList<>();
        Ports ports = inspected.getHostConfig() == null ? null : inspected.getHostConfig().getPortBindings();
        if (ports == null) {
            return bindings;
        }
        ports.getBindings().forEach((exposed, hostBindings) -> {
            if (hostBindings == null) {
                return;
            }
            for (Ports.Binding binding : hostBindings) {
                parsePort(binding.getHostPortSpec()).ifPresent(hostPort -> bindings.add(new ContainerView.Binding(
                        Objects.requireNonNullElse(binding.getHostIp(), ""), hostPort, exposed.toString())));
            }
        });
        return bindings;
    }

    /** A host port spec is "8081", "" (engine picks), or a range "8081-8083"; a range is reported by its start. */
    private static Optional<Integer> parsePort(String spec) {
        if (spec == null || spec.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(spec.split("-")[0].trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static List<StaleEndpointView> staleEndpoints(DockerEngine engine, Set<String> liveIds) {
        List<String> networkIds = engine.client().listNetworksCmd().exec().stream().map(Network::getId).toList();
        List<StaleEndpointView> stale = new ArrayList<>();
        engine.inspectNetworks(networkIds).forEach(network -> stale.addAll(staleIn(network, liveIds)));
        return stale;
    }

    /** Entries keyed `ep-<endpoint>` (no sandbox) or by a container ID that no longer exists. */
    static List<StaleEndpointView> staleIn(Network network, Set<String> liveIds) {
        List<StaleEndpointView> stale = new ArrayList<>();
        Map<String, Network.ContainerNetworkConfig> endpoints = Optional.ofNullable(network.getContainers()).orElse(Map.of());
        String project = Optional.ofNullable(network.getLabels()).map(labels -> labels.get(DockerEngine.PROJECT_LABEL)).orElse(null);
        endpoints.forEach((key, endpoint) -> {
            if (key.startsWith("ep-") || !liveIds.contains(key)) {
                stale.add(new StaleEndpointView(network.getId(), network.getName(), project, key, endpoint.getName(), endpoint.getEndpointId()));
            }
        });
        return stale;
    }
}
