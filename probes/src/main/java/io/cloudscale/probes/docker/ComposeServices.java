package io.cloudscale.probes.docker;

import com.github.dockerjava.api.model.Container;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds a compose service's containers by label, as compose does (names differ between v1 and v2). */
public record ComposeServices(DockerEngine engine, String project) {

    /** The service's container, running ones first, newest first; one-off `run` containers excluded. */
    public Optional<Container> container(String service) {
        List<Container> containers = engine.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(DockerEngine.PROJECT_LABEL, project, DockerEngine.SERVICE_LABEL, service))
                .exec();
        return containers.stream()
                .filter(ComposeServices::isService)
                .min(Comparator.comparing((Container container) -> !"running".equals(container.getState()))
                        .thenComparing(Comparator.comparingLong(Container::getCreated).reversed()));
    }

    /** The id of {@link #container}. */
    public Optional<String> containerId(String service) {
        return container(service).map(Container::getId);
    }

    /** Every service container of the project, one-off `run` containers excluded. */
    public List<Container> services() {
        return engine.projectContainers(project).stream().filter(ComposeServices::isService).toList();
    }

    private static boolean isService(Container container) {
        return !"True".equalsIgnoreCase(container.getLabels().get(DockerEngine.ONEOFF_LABEL));
    }
}
