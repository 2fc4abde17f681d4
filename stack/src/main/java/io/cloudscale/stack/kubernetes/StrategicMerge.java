package io.cloudscale.stack.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A strategic-merge patch as the API server applies it to the workloads of the stack: mappings merge key by key,
 * a null deletes, and the lists Kubernetes declares with a merge key (containers and env by name, container
 * ports by containerPort, volume mounts by mountPath) merge item by item; every other list is replaced whole.
 */
final class StrategicMerge {

    /** The merge keys of the lists the stack's manifests patch, as the Kubernetes API types declare them. */
    private static final Map<String, List<String>> MERGE_KEYS = Map.of(
            "containers", List.of("name"),
            "initContainers", List.of("name"),
            "env", List.of("name"),
            "volumes", List.of("name"),
            "volumeMounts", List.of("mountPath"),
            "imagePullSecrets", List.of("name"),
            // a container's ports by containerPort, a Service's by port
            "ports", List.of("containerPort", "port"));

    private StrategicMerge() {
    }

    static void apply(ObjectNode target, ObjectNode patch) {
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            String name = field.getKey();
            JsonNode change = field.getValue();
            JsonNode current = target.get(name);
            if (change.isNull()) {
                target.remove(name);
            } else if (current instanceof ObjectNode currentObject && change instanceof ObjectNode changeObject) {
                apply(currentObject, changeObject);
            } else if (current instanceof ArrayNode currentList && change instanceof ArrayNode changeList && MERGE_KEYS.containsKey(name)) {
                target.set(name, mergeLists(name, currentList, changeList));
            } else {
                target.set(name, change.deepCopy());
            }
        }
    }

    /** Items of the patch that match an item of the target merge into it; the others come first, as kubectl puts them. */
    private static ArrayNode mergeLists(String name, ArrayNode current, ArrayNode change) {
        ArrayNode merged = current.deepCopy();
        List<JsonNode> added = new ArrayList<>();
        for (JsonNode item : change) {
            Optional<String> key = MERGE_KEYS.get(name).stream().filter(item::has).findFirst();
            if (key.isEmpty() || !(item instanceof ObjectNode itemObject)) {
                throw new IllegalArgumentException("an item of '" + name + "' without its merge key " + MERGE_KEYS.get(name) + ": " + item);
            }
            Optional<ObjectNode> match = find(merged, key.get(), item.get(key.get()));
            if (match.isPresent()) {
                apply(match.get(), itemObject);
            } else {
                added.add(item.deepCopy());
            }
        }
        ArrayNode result = merged.arrayNode();
        added.forEach(result::add);
        result.addAll(merged);
        return result;
    }

    private static Optional<ObjectNode> find(ArrayNode list, String key, JsonNode value) {
        for (JsonNode item : list) {
            if (item instanceof ObjectNode object && value.equals(object.get(key))) {
                return Optional.of(object);
            }
        }
        return Optional.empty();
    }
}
