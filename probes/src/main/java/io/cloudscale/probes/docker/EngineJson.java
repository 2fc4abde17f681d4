package io.cloudscale.probes.docker;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading the engine's JSON answers field by field: a field an engine version leaves out reads as absent, never fails. */
final class EngineJson {

    private EngineJson() {
    }

    /** The text of a field; null when it is absent or JSON null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    /** A JSON object of strings (labels), in the engine's order; empty when absent. */
    static Map<String, String> strings(JsonNode node, String field) {
        Map<String, String> values = new LinkedHashMap<>();
        node.path(field).properties().forEach(entry -> values.put(entry.getKey(), entry.getValue().asText()));
        return values;
    }
}
