package io.cloudscale.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redacts credentials at the rendering boundary. Connection strings of Service Bus and Cosmos DB
 * carry their key as {@code Name=value;} pairs; URLs carry passwords in their user-info.
 */
public final class Secrets {

    public static final String MASK = "***";

    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)\\b(SharedAccessKey|AccountKey|SharedAccessSignature|Password|Pwd|Secret|Token|ApiKey|Key)"
                    + "(\\s*[=:]\\s*)(\"?)([^;\"\\s,&]+)");
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://[^:/@\\s]+:)([^@\\s/]+)(@)");

    /** Field names whose whole value is a credential, whatever it looks like. */
    private static final List<String> SECRET_FIELDS = List.of(
            "password", "secret", "token", "connectionstring", "accesskey", "accountkey", "apikey", "primarykey", "masterkey");

    private Secrets() {
    }

    /** Redacts a JSON tree in place: secret-named fields lose their value, every string is redacted as text. */
    public static JsonNode redact(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (isSecretField(field.getKey()) && field.getValue().isValueNode() && !field.getValue().isNull()) {
                    field.setValue(TextNode.valueOf(MASK));
                } else {
                    field.setValue(redact(field.getValue()));
                }
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, redact(array.get(i)));
            }
            return array;
        }
        if (node.isTextual()) {
            return TextNode.valueOf(redact(node.textValue()));
        }
        return node;
    }

    private static boolean isSecretField(String name) {
        String normalized = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        return SECRET_FIELDS.stream().anyMatch(normalized::endsWith);
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String withoutPairs = KEY_VALUE.matcher(text).replaceAll(
                match -> Matcher.quoteReplacement(match.group(1) + match.group(2) + match.group(3) + MASK));
        return URL_PASSWORD.matcher(withoutPairs).replaceAll(
                match -> Matcher.quoteReplacement(match.group(1) + MASK + match.group(3)));
    }
}
