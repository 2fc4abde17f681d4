package io.cloudscale.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redacts credentials at the rendering boundary, by value and by shape. By value: every value the
 * tool knows as secret (a variable or setting whose name says KEY, SECRET, TOKEN, PASSWORD, a
 * connection string, and the keys and passwords inside any value) is replaced wherever it appears.
 * By shape, for secrets the tool was never told: connection strings carry their key as
 * {@code Name=value;} pairs; URLs carry passwords in their user-info.
 */
public final class Secrets {

    public static final String MASK = "***";

    /**
     * Shorter values are not replaced by value: they would mask ordinary words wherever they appear.
     * They are still masked where their shape or their field's name gives them away.
     */
    static final int SHORTEST_BY_VALUE = 6;

    /**
     * A variable is secret when a word of its name says so (COSMOS_KEY, RABBITMQ_PASS, MY_API_TOKEN) or its name
     * ends in one (ACCOUNTKEY, APIKEY); the shell's PWD and OLDPWD, the working directory, are not.
     */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i)(?:.*_)?(?:KEY|SECRET|TOKEN|PASSWORD|PASSWD|PWD|PASS|CREDENTIALS?|SAS|SIGNATURE|CONNECTION_?STRING)(?:_.*)?"
                    + "|.*(?:KEY|SECRET|TOKEN|PASSWORD)");
    private static final java.util.Set<String> NOT_SECRET = java.util.Set.of("PWD", "OLDPWD");
    /** A quoted value must have something between its quotes: {@code Operation Key: ''} names no key. */
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)\\b(SharedAccessKey|AccountKey|SharedAccessSignature|Password|Pwd|Secret|Token|ApiKey|Key)"
                    + "(\\s*[=:]\\s*)([\"']?)([^;\"'\\s,&]+)");

    private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();
    private static volatile List<String> longestFirst = List.of();
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://[^:/@\\s]+:)([^@\\s/]+)(@)");

    /** Field names whose whole value is a credential, whatever it looks like. */
    private static final List<String> SECRET_FIELDS = List.of(
            "password", "secret", "token", "connectionstring", "accesskey", "accountkey", "apikey", "primarykey", "masterkey");

    private Secrets() {
    }

    /** Learns the secrets of an environment or a settings file: values of secret-named keys, and keys inside any value. */
    public static void rememberFrom(Map<String, String> variables) {
        variables.forEach((name, value) -> {
            if (value == null) {
                return;
            }
            if (SECRET_NAME.matcher(name).matches() && !NOT_SECRET.contains(name)) {
                remember(value);
            }
            rememberInside(value);
        });
    }

    /** Learns one value the tool knows as secret; from now on it is replaced wherever it appears. */
    public static void remember(String value) {
        if (value != null) {
            learn(value.strip());
            rememberInside(value);
        }
    }

    /** Every run reads its whole environment: the patterns run only on values holding what they require. */
    private static void rememberInside(String value) {
        if (value.indexOf('=') >= 0 || value.indexOf(':') >= 0) {
            Matcher pairs = KEY_VALUE.matcher(value);
            while (pairs.find()) {
                if (!pairs.group(1).equalsIgnoreCase("Key")) {
                    learn(pairs.group(4));
                }
            }
        }
        if (value.contains("://") && value.indexOf('@') >= 0) {
            Matcher password = URL_PASSWORD.matcher(value);
            while (password.find()) {
                learn(password.group(2));
            }
        }
    }

    private static synchronized void learn(String secret) {
        if (secret.length() >= SHORTEST_BY_VALUE && KNOWN.add(secret)) {
            // a plain list sort: the stream machinery's first use costs every run ~10 ms of start-up
            List<String> sorted = new ArrayList<>(KNOWN);
            sorted.sort((a, b) -> Integer.compare(b.length(), a.length()));
            longestFirst = List.copyOf(sorted);
        }
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
        for (String secret : longestFirst) {
            text = text.replace(secret, MASK);
        }
        String withoutPairs = KEY_VALUE.matcher(text).replaceAll(
                match -> Matcher.quoteReplacement(match.group(1) + match.group(2) + match.group(3) + MASK));
        return URL_PASSWORD.matcher(withoutPairs).replaceAll(
                match -> Matcher.quoteReplacement(match.group(1) + MASK + match.group(3)));
    }
}
