package io.cloudscale.stack.lifecycle;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import io.cloudscale.probes.docker.ComposeServices;
import io.cloudscale.probes.docker.DockerEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The compose project's containers, found by label, inspected: what `up`, `status` and `down` look at. */
public final class ProjectView {

    public static final String CONFIG_FILES_LABEL = "com.docker.compose.project.config_files";

    private final DockerEngine engine;
    private final String project;

    public ProjectView(DockerEngine engine, String project) {
        this.engine = engine;
        this.project = project;
    }

    /** Service name to its state; one-off containers (compose run) are left out. */
    public Map<String, ServiceState> services() {
        List<String> ids = new ComposeServices(engine, project).services().stream().map(Container::getId).toList();
        Map<String, ServiceState> services = new TreeMap<>();
        engine.inspectAll(ids).forEach(inspected -> {
            ServiceState state = stateOf(inspected);
            services.merge(state.service(), state, (a, b) -> a.running() ? a : b);
        });
        return services;
    }

    /** The profile the running project was started with, when compose recorded its files. */
    public Optional<StackProfile> runningProfile() {
        return engine.projectContainers(project).stream()
                .map(container -> StackProfile.fromConfigFiles(container.getLabels().get(CONFIG_FILES_LABEL)))
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static ServiceState stateOf(InspectContainerResponse inspected) {
        var state = inspected.getState();
        Map<String, String> labels = inspected.getConfig().getLabels();
        List<String> ports = new ArrayList<>();
        Ports bindings = inspected.getNetworkSettings() == null ? null : inspected.getNetworkSettings().getPorts();
        if (bindings != null) {
            for (Map.Entry<ExposedPort, Ports.Binding[]> entry : bindings.getBindings().entrySet()) {
                if (entry.getValue() == null) {
                    continue;
                }
                for (Ports.Binding binding : entry.getValue()) {
                    String port = binding.getHostPortSpec() + "->" + entry.getKey().getPort();
                    if (!ports.contains(port)) {
                        ports.add(port);
                    }
                }
            }
        }
        ports.sort(null);
        Map<String, ContainerNetwork> networks = inspected.getNetworkSettings() == null ? Map.of()
                : inspected.getNetworkSettings().getNetworks();
        String started = state.getStartedAt();
        return new ServiceState(labels.getOrDefault(DockerEngine.SERVICE_LABEL, "?"), inspected.getId(),
                inspected.getName().replaceFirst("^/", ""), state.getStatus(),
                state.getHealth() == null ? null : state.getHealth().getStatus(),
                state.getExitCodeLong() == null ? null : state.getExitCodeLong().intValue(),
                inspected.getRestartCount() == null ? 0 : inspected.getRestartCount(),
                started == null || started.startsWith("0001") ? null : Instant.parse(started),
                List.copyOf(ports), List.copyOf(networks == null ? List.of() : networks.keySet()));
    }
}
