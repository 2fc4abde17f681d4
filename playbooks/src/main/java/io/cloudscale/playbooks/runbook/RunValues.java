package io.cloudscale.playbooks.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * What ${...} references read during a run: {@code inputs}, {@code env}, and each finished step's {@code status},
 * {@code value}, {@code evidence}, {@code reason}, {@code outcome}, {@code output}, {@code detail}, as one JSON tree.
 */
public final class RunValues {

    private final ObjectNode root = JsonNodeFactory.instance.objectNode();

    public RunValues(Map<String, JsonNode> inputs, Map<String, String> environment) {
        ObjectNode in = root.putObject("inputs");
        inputs.forEach(in::set);
        ObjectNode env = root.putObject("env");
        environment.forEach(env::put);
        root.putObject("steps");
    }

    /** A step's values, made on first use; what an attempt writes replaces what an earlier attempt wrote. */
    public ObjectNode step(String id) {
        ObjectNode steps = (ObjectNode) root.get("steps");
        return steps.has(id) ? (ObjectNode) steps.get(id) : steps.putObject(id);
    }

    /** A value that is one reference keeps its JSON type (numbers compare as numbers); text with references is text. */
    public JsonNode resolve(String template) {
        if (template == null) {
            return MissingNode.getInstance();
        }
        Matcher matcher = RunbookReader.REFERENCE.matcher(template);
        if (matcher.matches()) {
            return at(matcher.group(1));
        }
        return JsonNodeFactory.instance.textNode(text(template));
    }

    public String text(String template) {
        Matcher matcher = RunbookReader.REFERENCE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            JsonNode value = at(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value.isMissingNode() || value.isNull() ? "" : value.isValueNode() ? value.asText() : value.toString()));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** A with: value resolved: text, or a list of texts, references filled in. */
    public Object resolveArgument(Object value) {
        if (value instanceof List<?> items) {
            return items.stream().map(item -> text(String.valueOf(item))).toList();
        }
        return text(String.valueOf(value));
    }

    private JsonNode at(String reference) {
        JsonNode node = root;
        for (String part : reference.strip().split("\\.")) {
            node = node.isArray() && part.matches("\\d+") ? node.path(Integer.parseInt(part)) : node.path(part);
        }
        return node;
    }

    public JsonNode tree() {
        return root;
    }
}
