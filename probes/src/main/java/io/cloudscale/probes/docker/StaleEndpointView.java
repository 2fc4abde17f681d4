package io.cloudscale.probes.docker;

/**
 * An entry of a network's Containers map with no live container: keyed `ep-<endpoint>` (no
 * sandbox), or by a container ID that no longer inspects. A forced disconnect takes {@code name}.
 */
public record StaleEndpointView(String networkId, String networkName, String project, String key, String name, String endpointId) {
}
