package io.cloudscale.probes.docker;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container as the engine inspects it ({@code GET /containers/{id}/json}), reduced to what the tool reads: its state,
 * labels, networks and port bindings. Read from the engine's JSON as a tree rather than into docker-java's model, whose
 * first use per run builds a deserializer for every class of that model by reflection (a fifth of a second here).
 *
 * @param health the health check's status; null when the container has none
 * @param startedAt the engine's time text ("0001-01-01T00:00:00Z" for a container that never started)
 * @param exitCode the last exit code; null when the engine gave none
 * @param networks network name to this container's address on it ("" when it has none)
 * @param portBindings HostConfig.PortBindings: what it publishes, kept while it is created or exited
 * @param publishedPorts NetworkSettings.Ports: what it publishes now
 */
public record InspectedContainer(String id, String name, String image, Map<String, String> labels, String status, String health,
                                 String startedAt, Long exitCode, boolean oomKilled, int restartCount, Map<String, String> networks,
                                 List<Binding> portBindings, List<Binding> publishedPorts) {

    /** One host binding of a container port; {@code containerPort} as the engine keys it ("8080/tcp"). */
    public record Binding(String hostIp, String hostPortSpec, String containerPort) {

        /** The container port's number, without its protocol. */
        public String containerPortNumber() {
            int slash = containerPort.indexOf('/');
            return slash < 0 ? containerPort : containerPort.substring(0, slash);
        }
    }

    static InspectedContainer from(JsonNode inspected) {
        JsonNode state = inspected.path("State");
        Map<String, String> networks = new LinkedHashMap<>();
        inspected.path("NetworkSettings").path("Networks").properties()
                .forEach(network -> networks.put(network.getKey(), network.getValue().path("IPAddress").asText("")));
        JsonNode exitCode = state.path("ExitCode");
        return new InspectedContainer(EngineJson.text(inspected, "Id"), String.valueOf(EngineJson.text(inspected, "Name")).replaceFirst("^/", ""),
                EngineJson.text(inspected.path("Config"), "Image"), EngineJson.strings(inspected.path("Config"), "Labels"),
                EngineJson.text(state, "Status"), EngineJson.text(state.path("Health"), "Status"), EngineJson.text(state, "StartedAt"),
                exitCode.isNumber() ? exitCode.asLong() : null, state.path("OOMKilled").asBoolean(false), inspected.path("RestartCount").asInt(0),
                networks, bindings(inspected.path("HostConfig").path("PortBindings")), bindings(inspected.path("NetworkSettings").path("Ports")));
    }

    /** A ports map: "8080/tcp" to its host bindings (null when exposed but not published). */
    private static List<Binding> bindings(JsonNode ports) {
        List<Binding> bindings = new ArrayList<>();
        ports.properties().forEach(port -> port.getValue().forEach(binding -> bindings.add(
                new Binding(binding.path("HostIp").asText(""), binding.path("HostPort").asText(""), port.getKey()))));
        return bindings;
    }

    public boolean running() {
        return "running".equals(status);
    }
}
