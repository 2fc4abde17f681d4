package io.cloudscale.core.config;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.OneLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Settings resolved with one precedence for every key: flag, then {@code CLOUDSCALE_*} environment,
 * then cloudscale.yaml, then the built-in default. Values are validated here, once.
 */
public final class Configuration {

    /** Points at a config file other than ./cloudscale.yaml or ~/.cloudscale/cloudscale.yaml. */
    public static final String CONFIG_FILE_VARIABLE = "CLOUDSCALE_CONFIG";

    private final Map<ConfigKey, Setting> settings;

    private Configuration(Map<ConfigKey, Setting> settings) {
        this.settings = settings;
    }

    public static Configuration resolve(Map<ConfigKey, String> flags, Map<String, String> environment, ConfigFile file) {
        Map<ConfigKey, Setting> settings = new EnumMap<>(ConfigKey.class);
        for (ConfigKey key : ConfigKey.values()) {
            Setting setting = pick(key, flags, environment, file);
            settings.put(key, validated(setting));
        }
        return new Configuration(settings);
    }

    private static Setting pick(ConfigKey key, Map<ConfigKey, String> flags, Map<String, String> environment, ConfigFile file) {
        String flag = flags.get(key);
        if (flag != null) {
            return new Setting(key, flag, ConfigSource.FLAG, "--" + key.key());
        }
        String variable = environment.get(key.environmentVariable());
        if (variable != null && !variable.isBlank()) {
            return new Setting(key, variable, ConfigSource.ENVIRONMENT, key.environmentVariable());
        }
        Optional<Setting> conventional = conventionalVariable(key, environment);
        if (conventional.isPresent()) {
            return conventional.get();
        }
        String fromFile = file.values().get(key);
        if (fromFile != null) {
            return new Setting(key, fromFile, ConfigSource.FILE, file.describe());
        }
        return new Setting(key, key.defaultValue(), ConfigSource.DEFAULT, key.defaultOrigin());
    }

    /** Variables other tools already define and operators already set: DOCKER_HOST and NO_COLOR. */
    private static Optional<Setting> conventionalVariable(ConfigKey key, Map<String, String> environment) {
        return switch (key) {
            case DOCKER_HOST -> Optional.ofNullable(environment.get("DOCKER_HOST"))
                    .filter(value -> !value.isBlank())
                    .map(value -> new Setting(key, value, ConfigSource.ENVIRONMENT, "DOCKER_HOST"));
            // https://no-color.org: any non-empty value disables colour.
            case COLOR -> Optional.ofNullable(environment.get("NO_COLOR"))
                    .filter(value -> !value.isEmpty())
                    .map(value -> new Setting(key, "never", ConfigSource.ENVIRONMENT, "NO_COLOR"));
            default -> Optional.empty();
        };
    }

    private static Setting validated(Setting setting) {
        List<String> allowed = setting.key().allowedValues();
        if (!allowed.isEmpty() && !allowed.contains(setting.value())) {
            throw new CloudscaleException.Usage(setting.origin() + ": '" + OneLine.of(setting.value()) + "' is not one of "
                    + String.join(", ", allowed), null);
        }
        // an empty built-in default means "not set": the context's default is the kubeconfig's own
        if (setting.source() == ConfigSource.DEFAULT) {
            return setting;
        }
        if (setting.value().isBlank()) {
            throw new CloudscaleException.Usage(setting.origin() + ": " + setting.key().key() + " must not be empty", null);
        }
        Optional<ConfigKey.Shape> shape = setting.key().shape();
        if (shape.isPresent() && !shape.get().fits(setting.value())) {
            throw new CloudscaleException.Usage(setting.origin() + ": '" + OneLine.of(setting.value()) + "' is not "
                    + shape.get().description(), null);
        }
        return setting;
    }

    /** The config file in force: $CLOUDSCALE_CONFIG, else ./cloudscale.yaml, else ~/.cloudscale/cloudscale.yaml. */
    public static ConfigFile locateFile(Map<String, String> environment, Path workingDirectory, Path home) {
        String explicit = environment.get(CONFIG_FILE_VARIABLE);
        if (explicit != null && !explicit.isBlank()) {
            return ConfigFile.load(Path.of(explicit));
        }
        for (Path candidate : List.of(workingDirectory.resolve("cloudscale.yaml"), home.resolve(".cloudscale/cloudscale.yaml"))) {
            if (Files.isRegularFile(candidate)) {
                return ConfigFile.load(candidate);
            }
        }
        return ConfigFile.none();
    }

    public String get(ConfigKey key) {
        return settings.get(key).value();
    }

    public Setting setting(ConfigKey key) {
        return settings.get(key);
    }

    public List<Setting> all() {
        return List.copyOf(settings.values());
    }
}
