package io.cloudscale.core.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The settings an operator can give as a flag, a {@code CLOUDSCALE_*} variable, or a key of cloudscale.yaml. */
public enum ConfigKey {
    PROJECT("project", "cloudscale", List.of()),
    STACK_DIR("stack-dir", "stack", List.of()),
    OUTPUT("output", "text", List.of("text", "json")),
    COLOR("color", "auto", List.of("auto", "always", "never")),
    DOCKER_HOST("docker-host", "unix:///var/run/docker.sock", List.of()),
    /** How long the engine may take to answer a ping or any call that is not a stream. */
    ENGINE_TIMEOUT("engine-timeout", "5s", List.of()),
    PROFILE("profile", "azure-emulators", List.of("azure-emulators", "offline"));

    private final String key;
    private final String defaultValue;
    private final List<String> allowedValues;

    ConfigKey(String key, String defaultValue, List<String> allowedValues) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.allowedValues = allowedValues;
    }

    /** The key in cloudscale.yaml, and the long flag without its dashes. */
    public String key() {
        return key;
    }

    public String environmentVariable() {
        return "CLOUDSCALE_" + key.replace('-', '_').toUpperCase(Locale.ROOT);
    }

    public String defaultValue() {
        return defaultValue;
    }

    public List<String> allowedValues() {
        return allowedValues;
    }

    public static Optional<ConfigKey> byKey(String key) {
        for (ConfigKey candidate : values()) {
            if (candidate.key.equals(key)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
