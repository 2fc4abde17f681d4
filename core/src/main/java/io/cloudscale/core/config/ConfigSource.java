package io.cloudscale.core.config;

/** Where a setting's value came from, highest precedence first. */
public enum ConfigSource {
    FLAG,
    ENVIRONMENT,
    FILE,
    DEFAULT
}
