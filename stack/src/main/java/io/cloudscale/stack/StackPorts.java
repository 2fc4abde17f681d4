package io.cloudscale.stack;

import java.util.List;

/** Host ports the platform publishes by default: gateway 8080, the crowded 8081, and Cosmos on 8082. */
public final class StackPorts {

    public static final List<Integer> DEFAULT_HOST_PORTS = List.of(8080, 8081, 8082);

    private StackPorts() {
    }
}
