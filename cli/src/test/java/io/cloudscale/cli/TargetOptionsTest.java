package io.cloudscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --target, --context and --namespace: global options resolved like every other setting, and shown by config. */
class TargetOptionsTest {

    @TempDir
    Path dir;

    private CliHarness cli() {
        return new CliHarness(dir);
    }

    @Test
    void configShowsTheTargetSettingsAndWhereEachCameFrom() throws IOException {
        Files.writeString(dir.resolve("cloudscale.yaml"), "target: kubernetes\nnamespace: from-file\n");
        CliHarness harness = cli().env("CLOUDSCALE_CONTEXT", "env-context");

        JsonNode settings = harness.run("config", "-o", "json", "--namespace", "from-flag").json().get("data");

        assertEquals("kubernetes", setting(settings, "target").get("value").asText());
        assertEquals("file", setting(settings, "target").get("source").asText());
        assertEquals("env-context", setting(settings, "context").get("value").asText());
        assertEquals("environment", setting(settings, "context").get("source").asText());
        assertEquals("from-flag", setting(settings, "namespace").get("value").asText());
        assertEquals("flag", setting(settings, "namespace").get("source").asText());
    }

    @Test
    void theTargetOptionsAreAcceptedBeforeAndAfterTheCommand() {
        JsonNode before = cli().run("--target", "kubernetes", "--context", "c1", "config", "-o", "json").json().get("data");
        JsonNode after = cli().run("config", "-o", "json", "--target", "kubernetes", "--context", "c1").json().get("data");

        for (JsonNode settings : new JsonNode[] {before, after}) {
            assertEquals("kubernetes", setting(settings, "target").get("value").asText());
            assertEquals("c1", setting(settings, "context").get("value").asText());
        }
    }

    @Test
    void withNothingGivenTheTargetIsComposeAndTheContextTheKubeconfigsOwn() {
        CliHarness.Result result = cli().run("config");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(1, result.out().lines().filter(line -> line.matches("target +compose +\\(built-in default\\)")).count(), result.out());
        assertEquals(1, result.out().lines().filter(line -> line.matches("context +\\(built-in default: the kubeconfig's current context\\)"))
                .count(), result.out());
    }

    @Test
    void aBadTargetIsAOneLineUsageError() {
        CliHarness.Result result = cli().run("config", "--target", "k8s");

        assertEquals(2, result.exitCode());
        assertEquals("cloudscale: --target: 'k8s' is not one of compose, kubernetes\n", result.err());
        assertEquals("", result.out());
    }

    @Test
    void aBadTargetFromTheEnvironmentNamesTheVariable() {
        CliHarness.Result result = cli().env("CLOUDSCALE_TARGET", "swarm").run("config");

        assertEquals(2, result.exitCode());
        assertEquals("cloudscale: CLOUDSCALE_TARGET: 'swarm' is not one of compose, kubernetes\n", result.err());
    }

    @Test
    void aNamespaceThatIsNoDnsLabelIsAOneLineUsageError() {
        CliHarness.Result result = cli().run("config", "--namespace", "Cloud_Scale");

        assertEquals(2, result.exitCode());
        assertEquals("cloudscale: --namespace: 'Cloud_Scale' is not a DNS label: lowercase letters, digits and '-', at most 63\n",
                result.err());
    }

    @Test
    void aCommandThatWorksOnComposeOnlyRefusesTheKubernetesTargetInsteadOfAnsweringAboutCompose() {
        for (String[] args : new String[][] {{"watch"}, {"ports", "check"}, {"diagnose", "load-shedding", "--live"}, {"load"}}) {
            CliHarness.Result result = cli().env("CLOUDSCALE_TARGET", "kubernetes").run(args);

            assertEquals(2, result.exitCode(), String.join(" ", args) + ": " + result.err());
            assertEquals("cloudscale: target kubernetes (CLOUDSCALE_TARGET): this command works on the compose target only so far",
                    result.err().lines().findFirst().orElseThrow(), String.join(" ", args));
        }
    }

    @Test
    void theZombiePortDrillSaysItIsComposesAloneAndAnUnknownFaultIsAUsageErrorWhateverTheTarget() {
        CliHarness.Result zombie = cli().env("CLOUDSCALE_TARGET", "kubernetes").run("drill", "zombie-port-claim");
        CliHarness.Result unknown = cli().env("CLOUDSCALE_TARGET", "kubernetes").run("drill", "no-such-fault");

        assertEquals(2, zombie.exitCode(), zombie.err());
        assertEquals("cloudscale: zombie-port-claim is a fault of the compose target only: a cluster's services publish no port on the host"
                + " for a leftover container to hold", zombie.err().lines().findFirst().orElseThrow());
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().startsWith("cloudscale: no drill named no-such-fault"), unknown.err());
    }

    @Test
    void theVersionStillNamesTheEngineWhateverTheTarget() {
        CliHarness.Result result = cli().env("CLOUDSCALE_TARGET", "kubernetes").run("--version");

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("Docker engine at unix://"), result.out());
    }

    @Test
    void loadTakesItsEndpointAsUrlNowThatTargetIsGlobal() {
        CliHarness.Result result = cli().run("load", "--url", "ftp://127.0.0.1/x");

        assertEquals(2, result.exitCode());
        assertEquals("cloudscale: --url must be an http:// URL, not ftp://127.0.0.1/x", result.err().lines().findFirst().orElseThrow());
    }

    private static JsonNode setting(JsonNode settings, String key) {
        for (JsonNode setting : settings) {
            if (setting.get("key").asText().equals(key)) {
                return setting;
            }
        }
        throw new AssertionError("no setting " + key + " in " + settings);
    }
}
