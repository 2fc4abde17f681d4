package io.cloudscale.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.OneLine;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * cloudscale.yaml: a flat mapping of known keys to scalar values. Anything else is rejected with
 * file:line:column, because a silently ignored typo in a config file is an outage waiting to happen.
 */
public final class ConfigFile {

    /** Far above any real config file; keeps a hostile or mistaken path from being read whole. */
    static final long MAX_BYTES = 64 * 1024;

    private final Path path;
    private final Map<ConfigKey, String> values;

    private ConfigFile(Path path, Map<ConfigKey, String> values) {
        this.path = path;
        this.values = Collections.unmodifiableMap(values);
    }

    public static ConfigFile none() {
        return new ConfigFile(null, new EnumMap<>(ConfigKey.class));
    }

    public static ConfigFile load(Path path) {
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw new CloudscaleException.Usage(path + ": larger than " + MAX_BYTES / 1024 + " KiB; is this really cloudscale.yaml?", null);
            }
            try (Reader reader = Files.newBufferedReader(path);
                 JsonParser parser = yamlFactory().createParser(reader)) {
                return new ConfigFile(path, parse(path, parser));
            }
        } catch (NoSuchFileException e) {
            throw new CloudscaleException.Usage(path + ": no such file", "create it, or unset CLOUDSCALE_CONFIG");
        } catch (IOException e) {
            throw new CloudscaleException.Usage(path + ": " + firstLine(e.getMessage()), "fix the YAML syntax");
        }
    }

    private static YAMLFactory yamlFactory() {
        YAMLFactory factory = YAMLFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).build())
                .build();
        return factory;
    }

    private static Map<ConfigKey, String> parse(Path path, JsonParser parser) throws IOException {
        Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
        JsonToken first = parser.nextToken();
        if (first == null) {
            return values;
        }
        if (first != JsonToken.START_OBJECT) {
            throw error(path, parser.currentTokenLocation(), "expected a mapping of settings");
        }
        for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
            String name = parser.currentName();
            JsonLocation at = parser.currentTokenLocation();
            ConfigKey key = ConfigKey.byKey(name).orElseThrow(() -> error(path, at,
                    "unknown key '" + OneLine.of(name) + "' (known: " + knownKeys() + ")"));
            JsonToken value = parser.nextToken();
            if (!value.isScalarValue() || value == JsonToken.VALUE_NULL) {
                throw error(path, parser.currentTokenLocation(), "'" + OneLine.of(name) + "' must be a single value");
            }
            if (values.put(key, parser.getText()) != null) {
                throw error(path, at, "'" + OneLine.of(name) + "' is given twice");
            }
        }
        return values;
    }

    private static CloudscaleException.Usage error(Path path, JsonLocation at, String message) {
        return new CloudscaleException.Usage(
                path + ":" + at.getLineNr() + ":" + at.getColumnNr() + ": " + message, null);
    }

    private static String knownKeys() {
        return Stream.of(ConfigKey.values()).map(ConfigKey::key).collect(Collectors.joining(", "));
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse(message);
    }

    public Map<ConfigKey, String> values() {
        return values;
    }

    public String describe() {
        return path == null ? "(no file)" : path.toString();
    }
}
