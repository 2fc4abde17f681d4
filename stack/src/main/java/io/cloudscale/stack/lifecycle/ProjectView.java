package io.cloudscale.stack.lifecycle;

import io.cloudscale.probes.compose.ComposePlatform;
import io.cloudscale.probes.docker.DockerEngine;
import io.cloudscale.probes.signals.ServiceState;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;


/** The compose project's services by name, as {@link ComposePlatform} reads them, and the profile it runs: what `up`, `status` and `down` look at. */
public record ProjectView(ComposePlatform platform) {

    public static final String CONFIG_FILES_LABEL = "com.docker.compose.project.config_files";

    /** The view reads no log; its reader is given the bound any log read of the engine has. */
    private static final Duration LOG_TIMEOUT = Duration.ofSeconds(10);

    public ProjectView(DockerEngine engine, String project, Clock clock) {
        this(new ComposePlatform(engine, project, LOG_TIMEOUT, clock));
    }

    /** Service name to its state; one-off containers (compose run) are left out. */
    public Map<String, ServiceState> services() {
        Map<String, ServiceState> services = new TreeMap<>();
        platform.services().services().forEach(state -> services.put(state.service(), state));
        return services;
    }

    /** The profile the running project was started with, when compose recorded its files. */
    public Optional<StackProfile> runningProfile() {
        return platform.engine().projectContainers(platform.project()).stream()
                .map(container -> StackProfile.fromConfigFiles(container.label(CONFIG_FILES_LABEL)))
                .flatMap(Optional::stream)
                .findFirst();
    }
}
