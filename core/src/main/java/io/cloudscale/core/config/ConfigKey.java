package io.cloudscale.core.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The settings an operator can give as a flag, a {@code CLOUDSCALE_*} variable, or a key of cloudscale.yaml. */
public enum ConfigKey {
    PROJECT("project", "cloudscale", List.of()),
    STACK_DIR("stack-dir", "stack", List.of()),
    OUTPUT("output", "text", List.of("text", "json")),
    COLOR("color", "auto", List.of("auto", "always", "never")),
    DOCKER_HOST("docker-host", "unix:///var/run/docker.sock", List.of()),
    /** How long the engine may take to answer a ping or any call that is not a stream. */
    ENGINE_TIMEOUT("engine-timeout", "5s", List.of()),
    PROFILE("profile", "azure-emulators", List.of("azure-emulators", "offline")),
    /** Where the platform runs: compose on this machine's engine, or a Kubernetes cluster. */
    TARGET("target", "compose", List.of("compose", "kubernetes")),
    /** The kubeconfig context of the kubernetes target; unset, the kubeconfig's current context. */
    CONTEXT("context", "", List.of(), null, "built-in default: the kubeconfig's current context"),
    /** The namespace the kubernetes target's stack lives in; what the manifests' overlays name. */
    NAMESPACE("namespace", "cloudscale", List.of(),
            new Shape(Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?"), "a DNS label: lowercase letters, digits and '-', at most 63"),
            "built-in default");

    /** What a free-form value must look like, and how to say so. */
    public record Shape(Pattern pattern, String description) {
        boolean fits(String value) {
            return pattern.matcher(value).matches();
        }
    }

    private final String key;
    private final String defaultValue;
    private final List<String> allowedValues;
    private final Shape shape;
    private final String defaultOrigin;

    ConfigKey(String key, String defaultValue, List<String> allowedValues) {
        this(key, defaultValue, allowedValues, null, "built-in default");
    }

    ConfigKey(String key, String defaultValue, List<String> allowedValues, Shape shape, String defaultOrigin) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.allowedValues = allowedValues;
        this.shape = shape;
        this.defaultOrigin = defaultOrigin;
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

    /** The shape a free-form value must have, if any. */
    public Optional<Shape> shape() {
        return Optional.ofNullable(shape);
    }

    /** What {@code config} says of the built-in default: where the value comes from when nobody gave one. */
    public String defaultOrigin() {
        return defaultOrigin;
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
