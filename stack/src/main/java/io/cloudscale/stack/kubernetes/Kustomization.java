package io.cloudscale.stack.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cloudscale.core.CloudscaleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a kustomization folder into the objects {@code kubectl kustomize} would print, for the part of
 * kustomize the stack's manifests use (a fresh machine has no kubectl): {@code resources} (files and folders),
 * {@code configMapGenerator} with {@code files} and without name hashes, {@code patches} as strategic-merge
 * patches matched by kind and name, then {@code namespace}, {@code labels}/{@code commonLabels} and
 * {@code images}. Any other field is refused by name, never ignored: a silently dropped setting would deploy
 * something other than what the file says.
 */
public final class Kustomization {

    public static final String FILE = "kustomization.yaml";

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "resources", "namespace", "labels", "commonLabels",
            "images", "configMapGenerator", "generatorOptions", "patches");
    /** Kinds that live outside any namespace: the namespace transformer leaves them alone. */
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass");
    private static final Set<String> POD_TEMPLATE_KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job");

    private final Path folder;
    private final Path file;
    private final ObjectNode spec;

    private Kustomization(Path folder, ObjectNode spec) {
        this.folder = folder;
        this.file = folder.resolve(FILE);
        this.spec = spec;
    }

    /** The objects the kustomization in {@code folder} renders to, in the order kubectl would apply them after sorting. */
    public static List<ObjectNode> render(Path folder) {
        return load(folder).build();
    }

    private static Kustomization load(Path folder) {
        Path file = folder.resolve(FILE);
        JsonNode spec;
        try {
            spec = YAML.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new CloudscaleException.Usage("no " + FILE + " in " + folder, null);
        } catch (IOException e) {
            throw new CloudscaleException.Usage(file + ": " + firstLine(e), null);
        }
        if (!(spec instanceof ObjectNode object)) {
            throw new CloudscaleException.Usage(file + ": not a mapping", null);
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new CloudscaleException.Usage(file + ": '" + name + "' is not something this renderer does (it does "
                        + String.join(", ", FIELDS.stream().sorted().toList()) + ")", "render it with kubectl kustomize");
            }
        }
        return new Kustomization(folder, object);
    }

    private List<ObjectNode> build() {
        List<ObjectNode> objects = new ArrayList<>();
        for (String resource : strings("resources")) {
            Path path = folder.resolve(resource).normalize();
            objects.addAll(Files.isDirectory(path) ? load(path).build() : readObjects(path));
        }
        objects.addAll(generatedConfigMaps());
        for (JsonNode patch : list("patches")) {
            applyPatch(objects, patch);
        }
        if (spec.hasNonNull("namespace")) {
            String namespace = spec.get("namespace").asText();
            objects.stream().filter(object -> !CLUSTER_SCOPED.contains(object.path("kind").asText()))
                    .forEach(object -> metadata(object).put("namespace", namespace));
        }
        if (spec.has("commonLabels")) {
            addLabels(objects, stringMap(spec.get("commonLabels"), "commonLabels"), true, true);
        }
        for (JsonNode labels : list("labels")) {
            addLabels(objects, stringMap(labels.get("pairs"), "labels.pairs"), labels.path("includeSelectors").asBoolean(false),
                    labels.path("includeTemplates").asBoolean(false));
        }
        for (JsonNode image : list("images")) {
            setImage(objects, image);
        }
        return objects;
    }

    private List<ObjectNode> generatedConfigMaps() {
        List<JsonNode> generators = list("configMapGenerator");
        if (generators.isEmpty()) {
            return List.of();
        }
        if (!spec.path("generatorOptions").path("disableNameSuffixHash").asBoolean(false)) {
            // kustomize would name the ConfigMap NAME-HASH and rewrite every reference to it
            throw new CloudscaleException.Usage(file + ": configMapGenerator needs generatorOptions.disableNameSuffixHash: true here", null);
        }
        List<ObjectNode> maps = new ArrayList<>();
        for (JsonNode generator : generators) {
            ObjectNode map = JsonNodeFactory.instance.objectNode();
            map.put("apiVersion", "v1");
            map.put("kind", "ConfigMap");
            metadata(map).put("name", required(generator, "name"));
            ObjectNode data = map.putObject("data");
            for (JsonNode entry : generator.path("files")) {
                String text = entry.asText();
                int equals = text.indexOf('=');
                String key = equals < 0 ? Path.of(text).getFileName().toString() : text.substring(0, equals);
                Path source = folder.resolve(equals < 0 ? text : text.substring(equals + 1)).normalize();
                try {
                    data.put(key, Files.readString(source));
                } catch (IOException e) {
                    throw new CloudscaleException.Usage(file + ": configMapGenerator " + map.path("metadata").path("name").asText()
                            + ": cannot read " + source + ": " + firstLine(e), null);
                }
            }
            maps.add(map);
        }
        return maps;
    }

    private void applyPatch(List<ObjectNode> objects, JsonNode entry) {
        if (!entry.has("path") || entry.size() != 1) {
            throw new CloudscaleException.Usage(file + ": a patch is given here by its path alone (a strategic-merge patch file): " + entry, null);
        }
        for (ObjectNode patch : readObjects(folder.resolve(entry.get("path").asText()).normalize())) {
            String kind = patch.path("kind").asText();
            String name = patch.path("metadata").path("name").asText();
            ObjectNode target = objects.stream()
                    .filter(object -> object.path("kind").asText().equals(kind) && object.path("metadata").path("name").asText().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new CloudscaleException.Usage(file + ": patch " + entry.get("path").asText() + " is for " + kind + " "
                            + name + ", which no resource of this kustomization is", null));
            try {
                StrategicMerge.apply(target, patch);
            } catch (IllegalArgumentException e) {
                throw new CloudscaleException.Usage(file + ": patch " + entry.get("path").asText() + ": " + e.getMessage(), null);
            }
        }
    }

    private static void addLabels(List<ObjectNode> objects, Map<String, String> labels, boolean selectors, boolean templates) {
        for (ObjectNode object : objects) {
            labels.forEach(metadata(object).withObjectProperty("labels")::put);
            String kind = object.path("kind").asText();
            boolean workload = POD_TEMPLATE_KINDS.contains(kind);
            if (workload && (templates || selectors)) {
                labels.forEach(metadata(object.withObjectProperty("spec").withObjectProperty("template")).withObjectProperty("labels")::put);
            }
            if (workload && selectors) {
                labels.forEach(object.withObjectProperty("spec").withObjectProperty("selector").withObjectProperty("matchLabels")::put);
            }
            if ("Service".equals(kind) && selectors) {
                labels.forEach(object.withObjectProperty("spec").withObjectProperty("selector")::put);
            }
        }
    }

    /** An image entry sets the name, tag or digest of every container image whose name (without tag or digest) is its name. */
    private void setImage(List<ObjectNode> objects, JsonNode entry) {
        String name = required(entry, "name");
        for (ObjectNode object : objects) {
            JsonNode podSpec = object.path("spec").path("template").path("spec");
            for (String list : List.of("containers", "initContainers")) {
                for (JsonNode container : podSpec.path(list)) {
                    ImageReference image = ImageReference.parse(container.path("image").asText());
                    if (image.name().equals(name)) {
                        ((ObjectNode) container).put("image", image.with(text(entry, "newName"), text(entry, "newTag"), text(entry, "digest")).toString());
                    }
                }
            }
        }
    }

    private List<ObjectNode> readObjects(Path path) {
        List<ObjectNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(Files.readAllBytes(path))) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || document.isNull() || document.isMissingNode() || document.isEmpty()) {
                    continue;
                }
                if (!(document instanceof ObjectNode object) || !object.hasNonNull("kind") || !object.path("metadata").hasNonNull("name")) {
                    throw new CloudscaleException.Usage(path + ": every document must be an object with kind and metadata.name", null);
                }
                objects.add(object);
            }
        } catch (NoSuchFileException e) {
            throw new CloudscaleException.Usage(file + ": no such resource " + path, null);
        } catch (IOException e) {
            throw new CloudscaleException.Usage(path + ": " + firstLine(e), null);
        }
        return objects;
    }

    private List<String> strings(String field) {
        return list(field).stream().map(JsonNode::asText).toList();
    }

    private List<JsonNode> list(String field) {
        JsonNode value = spec.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!(value instanceof ArrayNode array)) {
            throw new CloudscaleException.Usage(file + ": '" + field + "' must be a list", null);
        }
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private Map<String, String> stringMap(JsonNode node, String field) {
        if (!(node instanceof ObjectNode object)) {
            throw new CloudscaleException.Usage(file + ": '" + field + "' must be a mapping of names to values", null);
        }
        Map<String, String> map = new LinkedHashMap<>();
        object.properties().forEach(entry -> map.put(entry.getKey(), entry.getValue().asText()));
        return map;
    }

    private String required(JsonNode node, String field) {
        if (!node.hasNonNull(field)) {
            throw new CloudscaleException.Usage(file + ": '" + field + "' is missing in " + node, null);
        }
        return node.get(field).asText();
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static ObjectNode metadata(ObjectNode object) {
        return object.withObjectProperty("metadata");
    }

    private static String firstLine(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    }
}
