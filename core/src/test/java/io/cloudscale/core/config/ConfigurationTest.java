package io.cloudscale.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationTest {

    @TempDir
    Path dir;

    private ConfigFile file(String yaml) throws IOException {
        Path path = dir.resolve("cloudscale.yaml");
        Files.writeString(path, yaml);
        return ConfigFile.load(path);
    }

    @Test
    void flagBeatsEnvironmentBeatsFileBeatsDefault() throws IOException {
        ConfigFile file = file("project: from-file\nstack-dir: /srv/stack\noutput: json\n");
        Map<String, String> env = Map.of("CLOUDSCALE_PROJECT", "from-env", "CLOUDSCALE_STACK_DIR", "/env/stack");

        Configuration config = Configuration.resolve(Map.of(ConfigKey.PROJECT, "from-flag"), env, file);

        assertEquals("from-flag", config.get(ConfigKey.PROJECT));
        assertEquals(ConfigSource.FLAG, config.setting(ConfigKey.PROJECT).source());
        assertEquals("/env/stack", config.get(ConfigKey.STACK_DIR));
        assertEquals(ConfigSource.ENVIRONMENT, config.setting(ConfigKey.STACK_DIR).source());
        assertEquals("json", config.get(ConfigKey.OUTPUT));
        assertEquals(ConfigSource.FILE, config.setting(ConfigKey.OUTPUT).source());
        assertEquals("auto", config.get(ConfigKey.COLOR));
        assertEquals(ConfigSource.DEFAULT, config.setting(ConfigKey.COLOR).source());
    }

    @Test
    void defaultsWhenNothingIsGiven() {
        Configuration config = Configuration.resolve(Map.of(), Map.of(), ConfigFile.none());

        assertEquals("cloudscale", config.get(ConfigKey.PROJECT));
        assertEquals("stack", config.get(ConfigKey.STACK_DIR));
        assertEquals("text", config.get(ConfigKey.OUTPUT));
        assertEquals("unix:///var/run/docker.sock", config.get(ConfigKey.DOCKER_HOST));
    }

    @Test
    void dockerHostVariableIsHonouredButCloudscaleVariableWins() {
        Configuration plain = Configuration.resolve(Map.of(), Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375"), ConfigFile.none());
        Configuration both = Configuration.resolve(Map.of(),
                Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375", "CLOUDSCALE_DOCKER_HOST", "unix:///tmp/x/docker.sock"), ConfigFile.none());

        assertEquals("tcp://127.0.0.1:2375", plain.get(ConfigKey.DOCKER_HOST));
        assertEquals("unix:///tmp/x/docker.sock", both.get(ConfigKey.DOCKER_HOST));
    }

    @Test
    void noColorDisablesColourUnlessAFlagSaysOtherwise() {
        Configuration env = Configuration.resolve(Map.of(), Map.of("NO_COLOR", "1"), ConfigFile.none());
        Configuration empty = Configuration.resolve(Map.of(), Map.of("NO_COLOR", ""), ConfigFile.none());

        assertEquals("never", env.get(ConfigKey.COLOR));
        assertEquals("NO_COLOR", env.setting(ConfigKey.COLOR).origin());
        assertEquals("auto", empty.get(ConfigKey.COLOR), "an empty NO_COLOR does not count (no-color.org)");
    }

    @Test
    void invalidValueNamesItsOriginAndIsAUsageError() {
        CloudscaleException.Usage error = assertThrows(CloudscaleException.Usage.class, () ->
                Configuration.resolve(Map.of(), Map.of("CLOUDSCALE_OUTPUT", "xml"), ConfigFile.none()));

        assertEquals("CLOUDSCALE_OUTPUT: 'xml' is not one of text, json", error.getMessage());
        assertEquals(ExitCode.USAGE, error.exitCode());
    }

    @Test
    void unknownKeyInFileIsRejectedWithLineAndColumn() throws IOException {
        Path path = dir.resolve("cloudscale.yaml");
        Files.writeString(path, "project: a\n  \nprojet: b\n");

        CloudscaleException.Usage error = assertThrows(CloudscaleException.Usage.class, () -> ConfigFile.load(path));

        assertEquals(path + ":3:1: unknown key 'projet' (known: project, stack-dir, output, color, docker-host, engine-timeout, profile, target, context, namespace)", error.getMessage());
    }

    @Test
    void nestedValueAndDuplicateKeyAreRejected() throws IOException {
        Path nested = dir.resolve("nested.yaml");
        Files.writeString(nested, "project:\n  name: x\n");
        Path twice = dir.resolve("twice.yaml");
        Files.writeString(twice, "project: a\nproject: b\n");

        assertTrue(assertThrows(CloudscaleException.Usage.class, () -> ConfigFile.load(nested)).getMessage()
                .endsWith(":2:3: 'project' must be a single value"));
        assertTrue(assertThrows(CloudscaleException.Usage.class, () -> ConfigFile.load(twice)).getMessage()
                .contains(":2:1: "), "duplicate key is pointed at, not silently overwritten");
    }

    @Test
    void brokenYamlAndHugeFilesAreUsageErrors() throws IOException {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "project: [unclosed\n");
        Path huge = dir.resolve("huge.yaml");
        Files.writeString(huge, "# x\n".repeat((int) ConfigFile.MAX_BYTES));

        assertThrows(CloudscaleException.Usage.class, () -> ConfigFile.load(broken));
        assertTrue(assertThrows(CloudscaleException.Usage.class, () -> ConfigFile.load(huge)).getMessage().contains("larger than"));
    }

    @Test
    void fileIsFoundByVariableThenWorkingDirectoryThenHome() throws IOException {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path home = Files.createDirectories(dir.resolve("home/.cloudscale")).getParent();
        Files.writeString(home.resolve(".cloudscale/cloudscale.yaml"), "project: home\n");

        assertEquals("home", Configuration.locateFile(Map.of(), work, home).values().get(ConfigKey.PROJECT));
        Files.writeString(work.resolve("cloudscale.yaml"), "project: work\n");
        assertEquals("work", Configuration.locateFile(Map.of(), work, home).values().get(ConfigKey.PROJECT));
        Path explicit = dir.resolve("explicit.yaml");
        Files.writeString(explicit, "project: explicit\n");
        assertEquals("explicit", Configuration.locateFile(Map.of("CLOUDSCALE_CONFIG", explicit.toString()), work, home)
                .values().get(ConfigKey.PROJECT));
    }

    @Test
    void missingExplicitFileIsAUsageError() {
        assertThrows(CloudscaleException.Usage.class, () ->
                Configuration.locateFile(Map.of("CLOUDSCALE_CONFIG", dir.resolve("absent.yaml").toString()), dir, dir));
    }

    /** Where the platform runs: compose or a Kubernetes context and namespace. */
    @Nested
    class TargetSettings {

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
}
