package io.cloudscale.probes.docker;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A container as the engine lists it ({@code GET /containers/json}): enough to find a compose service's container
 * and name it. {@code publicPorts} are the host ports it publishes while it runs (the list shows none for a
 * stopped one; {@link InspectedContainer} has the bindings it keeps).
 */
public record ListedContainer(String id, String name, String state, long created, Map<String, String> labels, List<Integer> publicPorts) {

    static ListedContainer from(JsonNode listed) {
        JsonNode names = listed.path("Names");
        String name = names.isArray() && !names.isEmpty() ? names.get(0).asText().replaceFirst("^/", "") : EngineJson.text(listed, "Id");
        List<Integer> publicPorts = new ArrayList<>();
        listed.path("Ports").forEach(port -> {
            if (port.path("PublicPort").canConvertToInt() && port.path("PublicPort").asInt() > 0) {
                publicPorts.add(port.path("PublicPort").asInt());
            }
        });
        return new ListedContainer(EngineJson.text(listed, "Id"), name, EngineJson.text(listed, "State"), listed.path("Created").asLong(),
                EngineJson.strings(listed, "Labels"), List.copyOf(publicPorts));
    }

    /** A one-off container of `compose run`, not one of the project's services. */
    public boolean oneOff() {
        return DockerEngine.oneOff(labels);
    }

    public String label(String key) {
        return labels.get(key);
    }
}
