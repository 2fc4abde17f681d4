package io.cloudscale.probes.signals;

import java.util.List;
import java.util.Optional;

/** Every service container of the project. */
public record StackState(String project, List<ServiceState> services) {

    public Optional<ServiceState> service(String name) {
        return services.stream().filter(service -> service.service().equals(name)).findFirst();
    }

    /** False when the service has no container, or its container is not running and healthy. */
    public boolean up(String name) {
        return service(name).map(ServiceState::up).orElse(false);
    }

    /** True when the service's process exists and is not crash-looping: running (healthy or not) or paused (frozen, not gone). */
    public boolean alive(String name) {
        return service(name).map(ServiceState::alive).orElse(false);
    }
}
