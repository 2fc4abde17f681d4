package io.cloudscale.stack.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cloudscale.probes.process.CommandResult;
import io.cloudscale.probes.process.CommandRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The renderer against kustomize itself, where this machine has kubectl (kustomize is built into it): the same
 * objects for each overlay, field for field; the order of list items aside, which kubectl applies by merge key.
 * Skipped, saying so, where there is no kubectl: a fresh machine has none, and the renderer exists for it.
 */
class KustomizationAgainstKubectlTest {

    private static final Path OVERLAYS = Path.of("").toAbsolutePath().resolve("kubernetes/overlays");

    @ParameterizedTest
    @ValueSource(strings = {"offline", "azure"})
    void theRendererGivesWhatKubectlKustomizeGives(String overlay) throws IOException {
        CommandResult kubectl = new CommandRunner().run(List.of("kubectl", "kustomize", OVERLAYS.resolve(overlay).toString()), Duration.ofSeconds(60));
        assumeTrue(kubectl.started(), "no kubectl on this machine to compare with");
        assertTrue(kubectl.succeeded(), "kubectl kustomize: " + kubectl.stderr());

        Map<String, JsonNode> expected = new TreeMap<>();
        try (MappingIterator<JsonNode> documents = new YAMLMapper().readerFor(JsonNode.class).readValues(kubectl.stdout())) {
            while (documents.hasNext()) {
                JsonNode object = documents.next();
                expected.put(key(object), canonical(object));
            }
        }
        Map<String, JsonNode> rendered = new TreeMap<>();
        Kustomization.render(OVERLAYS.resolve(overlay)).forEach(object -> rendered.put(key(object), canonical(object)));

        assertEquals(expected.keySet(), rendered.keySet());
        expected.forEach((key, object) -> assertEquals(object, rendered.get(key), key));
    }

    private static String key(JsonNode object) {
        return object.path("kind").asText() + "/" + object.at("/metadata/name").asText();
    }

    /** Mappings with their keys sorted, lists with their items sorted: what is there, whatever the order. */
    private static JsonNode canonical(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            new TreeSet<>(names).forEach(name -> sorted.set(name, canonical(object.get(name))));
            return sorted;
        }
        if (node instanceof ArrayNode array) {
            List<JsonNode> items = new ArrayList<>();
            array.forEach(item -> items.add(canonical(item)));
            items.sort(Comparator.comparing(JsonNode::toString));
            ArrayNode sorted = JsonNodeFactory.instance.arrayNode();
            items.forEach(sorted::add);
            return sorted;
        }
        return node;
    }
}
