package io.cloudscale.core.config;

/** A resolved setting and the place it came from, so {@code cloudscale config} can explain itself. */
public record Setting(ConfigKey key, String value, ConfigSource source, String origin) {
}
