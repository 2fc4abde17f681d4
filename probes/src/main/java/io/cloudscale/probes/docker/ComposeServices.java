package io.cloudscale.probes.docker;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds a compose service's containers by label, as compose does (names differ between v1 and v2). */
public record ComposeServices(DockerEngine engine, String project) {

    /** The service's container, running ones first, newest first; one-off `run` containers excluded. */
    public Optional<ListedContainer> container(String service) {
        return engine.containers(Map.of(DockerEngine.PROJECT_LABEL, project, DockerEngine.SERVICE_LABEL, service)).stream()
                .filter(container -> !container.oneOff())
                .min(Comparator.comparing((ListedContainer container) -> !"running".equals(container.state()))
                        .thenComparing(Comparator.comparingLong(ListedContainer::created).reversed()));
    }

    /** The id of {@link #container}. */
    public Optional<String> containerId(String service) {
        return container(service).map(ListedContainer::id);
    }

    /** Every service container of the project, one-off `run` containers excluded. */
    public List<ListedContainer> services() {
        return engine.projectContainers(project).stream().filter(container -> !container.oneOff()).toList();
    }
}
