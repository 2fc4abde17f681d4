package io.cloudscale.probes.docker;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A network as the engine shows it ({@code GET /networks}, {@code GET /networks/{id}}); {@code endpoints} (only in an
 * inspect) maps each Containers key (a container ID, or {@code ep-<endpoint>} for one with no sandbox) to its endpoint.
 */
public record NetworkView(String id, String name, Map<String, String> labels, Map<String, Endpoint> endpoints) {

    public record Endpoint(String name, String endpointId) {
    }

    static NetworkView from(JsonNode network) {
        Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        network.path("Containers").properties().forEach(entry -> endpoints.put(entry.getKey(),
                new Endpoint(EngineJson.text(entry.getValue(), "Name"), EngineJson.text(entry.getValue(), "EndpointID"))));
        return new NetworkView(EngineJson.text(network, "Id"), EngineJson.text(network, "Name"), EngineJson.strings(network, "Labels"), endpoints);
    }

    public String project() {
        return labels.get(DockerEngine.PROJECT_LABEL);
    }
}
