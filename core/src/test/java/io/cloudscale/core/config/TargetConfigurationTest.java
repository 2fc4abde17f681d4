package io.cloudscale.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetConfigurationTest {

    @TempDir
    Path dir;

    private ConfigFile file(String yaml) throws IOException {
        Path path = dir.resolve("cloudscale.yaml");
        Files.writeString(path, yaml);
        return ConfigFile.load(path);
    }

    @Test
    void composeIsTheTargetWhenNothingIsGiven() {
        Configuration config = Configuration.resolve(Map.of(), Map.of(), ConfigFile.none());

        assertEquals(new Target.Compose("cloudscale"), Target.of(config));
        assertEquals(ConfigSource.DEFAULT, config.setting(ConfigKey.TARGET).source());
        assertEquals("", config.get(ConfigKey.CONTEXT));
        assertEquals("built-in default: the kubeconfig's current context", config.setting(ConfigKey.CONTEXT).origin());
        assertEquals("cloudscale", config.get(ConfigKey.NAMESPACE));
    }

    @Test
    void flagBeatsEnvironmentBeatsFileForEachTargetSetting() throws IOException {
        ConfigFile file = file("target: kubernetes\ncontext: file-context\nnamespace: file-ns\n");
        Map<String, String> env = Map.of("CLOUDSCALE_CONTEXT", "env-context", "CLOUDSCALE_NAMESPACE", "env-ns");

        Configuration config = Configuration.resolve(Map.of(ConfigKey.NAMESPACE, "flag-ns"), env, file);

        assertEquals(ConfigSource.FILE, config.setting(ConfigKey.TARGET).source());
        assertEquals(ConfigSource.ENVIRONMENT, config.setting(ConfigKey.CONTEXT).source());
        assertEquals("CLOUDSCALE_CONTEXT", config.setting(ConfigKey.CONTEXT).origin());
        assertEquals(ConfigSource.FLAG, config.setting(ConfigKey.NAMESPACE).source());
        assertEquals(new Target.Kubernetes(Optional.of("env-context"), "flag-ns"), Target.of(config));
    }

    @Test
    void anEnvironmentTargetIsOverriddenByTheFlag() {
        Configuration config = Configuration.resolve(Map.of(ConfigKey.TARGET, "compose"),
                Map.of("CLOUDSCALE_TARGET", "kubernetes", "CLOUDSCALE_PROJECT", "p1"), ConfigFile.none());

        assertEquals(new Target.Compose("p1"), Target.of(config));
    }

    @Test
    void kubernetesWithoutAContextMeansTheKubeconfigsCurrentOne() {
        Configuration config = Configuration.resolve(Map.of(), Map.of("CLOUDSCALE_TARGET", "kubernetes"), ConfigFile.none());

        assertEquals(new Target.Kubernetes(Optional.empty(), "cloudscale"), Target.of(config));
    }

    @Test
    void anUnknownTargetIsAUsageErrorNamingWhereItCameFrom() throws IOException {
        CloudscaleException.Usage fromFlag = assertThrows(CloudscaleException.Usage.class, () ->
                Configuration.resolve(Map.of(ConfigKey.TARGET, "k8s"), Map.of(), ConfigFile.none()));
        ConfigFile file = file("target: swarm\n");
        CloudscaleException.Usage fromFile = assertThrows(CloudscaleException.Usage.class, () ->
                Configuration.resolve(Map.of(), Map.of(), file));

        assertEquals("--target: 'k8s' is not one of compose, kubernetes", fromFlag.getMessage());
        assertEquals(ExitCode.USAGE, fromFlag.exitCode());
        assertEquals(dir.resolve("cloudscale.yaml") + ": 'swarm' is not one of compose, kubernetes", fromFile.getMessage());
    }

    @Test
    void aNamespaceThatIsNoDnsLabelIsAUsageError() {
        for (String bad : new String[] {"Cloud_Scale", "-edge", "edge-", "a".repeat(64), "two words"}) {
            CloudscaleException.Usage error = assertThrows(CloudscaleException.Usage.class, () ->
                    Configuration.resolve(Map.of(), Map.of("CLOUDSCALE_NAMESPACE", bad), ConfigFile.none()), bad);
            assertEquals("CLOUDSCALE_NAMESPACE: '" + bad + "' is not a DNS label: lowercase letters, digits and '-', at most 63",
                    error.getMessage());
        }
        assertEquals("a".repeat(63), Configuration.resolve(Map.of(), Map.of("CLOUDSCALE_NAMESPACE", "a".repeat(63)), ConfigFile.none())
                .get(ConfigKey.NAMESPACE));
    }

    @Test
    void anEmptyContextFlagIsRefusedRatherThanTakenAsTheCurrentOne() {
        CloudscaleException.Usage error = assertThrows(CloudscaleException.Usage.class, () ->
                Configuration.resolve(Map.of(ConfigKey.CONTEXT, " "), Map.of(), ConfigFile.none()));

        assertEquals("--context: context must not be empty", error.getMessage());
    }
}
