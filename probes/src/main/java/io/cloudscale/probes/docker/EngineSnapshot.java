package io.cloudscale.probes.docker;

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
        List<ListedContainer> listed = engine.containers(Map.of());
        Set<String> liveIds = new HashSet<>();
        listed.forEach(container -> liveIds.add(container.id()));
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

    private static List<ContainerView> inspectAll(DockerEngine engine, List<ListedContainer> listed) {
        return engine.inspectAll(listed.stream().map(ListedContainer::id).toList()).stream().map(EngineSnapshot::view).toList();
    }

    static ContainerView view(InspectedContainer inspected) {
        Set<String> addresses = new HashSet<>();
        inspected.networks().values().stream().filter(address -> !address.isEmpty()).forEach(addresses::add);
        return new ContainerView(inspected.id(), inspected.name(), inspected.status(), inspected.labels().get(DockerEngine.PROJECT_LABEL),
                inspected.labels().get(DockerEngine.SERVICE_LABEL), DockerEngine.oneOff(inspected.labels()),
                inspected.restartCount(), bindings(inspected), addresses);
    }

    private static List<ContainerView.Binding> bindings(InspectedContainer inspected) {
        List<ContainerView.Binding> bindings = new ArrayList<>();
        for (InspectedContainer.Binding binding : inspected.portBindings()) {
            parsePort(binding.hostPortSpec()).ifPresent(hostPort -> bindings.add(new ContainerView.Binding(binding.hostIp(), hostPort, binding.containerPort())));
        }
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
        List<String> networkIds = engine.networks().stream().map(NetworkView::id).toList();
        List<StaleEndpointView> stale = new ArrayList<>();
        engine.inspectNetworks(networkIds).forEach(network -> stale.addAll(staleIn(network, liveIds)));
        return stale;
    }

    /** Entries keyed `ep-<endpoint>` (no sandbox) or by a container ID that no longer exists. */
    static List<StaleEndpointView> staleIn(NetworkView network, Set<String> liveIds) {
        List<StaleEndpointView> stale = new ArrayList<>();
        network.endpoints().forEach((key, endpoint) -> {
            if (key.startsWith("ep-") || !liveIds.contains(key)) {
                stale.add(new StaleEndpointView(network.id(), network.name(), network.project(), key, endpoint.name(), endpoint.endpointId()));
            }
        });
        return stale;
    }
}
