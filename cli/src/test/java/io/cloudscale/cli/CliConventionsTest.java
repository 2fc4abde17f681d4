package io.cloudscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudscale.core.CloudscaleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;

class CliConventionsTest {

    @TempDir
    Path dir;

    private CliHarness cli() {
        return new CliHarness(dir);
    }

    @Test
    void helpListsCommandsAndEveryExitCode() {
        CliHarness.Result result = cli().run("--help");

        assertEquals(0, result.exitCode());
        assertTrue(result.out().contains("doctor"), result.out());
        for (String line : new String[] {"0   healthy", "1   problem found", "2   usage error", "3   environment unreachable", "4   internal error"}) {
            assertTrue(result.out().contains(line), "help lists exit code: " + line);
        }
    }

    @Test
    void subcommandHelpAlsoListsExitCodes() {
        CliHarness.Result result = cli().run("doctor", "--help");

        assertEquals(0, result.exitCode());
        assertTrue(result.out().contains("3   environment unreachable"), result.out());
    }

    @Test
    void unknownOptionIsExit2WithOneLineAndAHint() {
        CliHarness.Result result = cli().run("doctor", "--frobnicate");

        assertEquals(2, result.exitCode());
        assertEquals("cloudscale: Unknown option: '--frobnicate'\n  hint: see 'cloudscale doctor --help'\n", result.err());
        assertEquals("", result.out());
    }

    @Test
    void misspeltCommandSuggestsTheRightOne() {
        CliHarness.Result result = cli().run("doctr");

        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("cloudscale: Unmatched argument at index 0: 'doctr' (did you mean doctor"), result.err());
    }

    @Test
    void aGrepThatCouldRunForEverIsRefusedInOneLine() {
        CliHarness.Result result = cli().run("logs", "gateway", "--grep", "(a)\\1");

        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("cloudscale: --grep is not a regular expression: "), result.err());
        assertEquals(2, result.err().lines().count(), result.err());
    }

    @Test
    void noCommandIsAUsageError() {
        assertEquals(2, cli().run().exitCode());
    }

    @Test
    void badOutputFormatIsAUsageErrorNamingTheFlag() {
        CliHarness.Result result = cli().run("config", "-o", "xml");

        assertEquals(2, result.exitCode());
        assertEquals("cloudscale: --output: 'xml' is not one of text, json\n", result.err());
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheCommand() {
        assertEquals("json", cli().run("-o", "json", "config").json().at("/data/2/value").asText());
        assertEquals("json", cli().run("config", "-o", "json").json().at("/data/2/value").asText());
    }

    @Test
    void configPrecedenceFlagThenEnvironmentThenFileThenDefault() throws IOException {
        Files.writeString(dir.resolve("cloudscale.yaml"), "project: from-file\nstack-dir: /file/stack\ncolor: never\n");
        CliHarness harness = cli().env("CLOUDSCALE_PROJECT", "from-env").env("CLOUDSCALE_STACK_DIR", "/env/stack")
                .unset("DOCKER_HOST");

        JsonNode settings = harness.run("config", "-o", "json", "--stack-dir", "/flag/stack").json().get("data");

        assertEquals("from-env", setting(settings, "project").get("value").asText());
        assertEquals("environment", setting(settings, "project").get("source").asText());
        assertEquals("/flag/stack", setting(settings, "stack-dir").get("value").asText());
        assertEquals("flag", setting(settings, "stack-dir").get("source").asText());
        assertEquals("never", setting(settings, "color").get("value").asText());
        assertEquals("file", setting(settings, "color").get("source").asText());
        assertEquals("json", setting(settings, "output").get("value").asText());
        assertEquals("flag", setting(settings, "output").get("source").asText());
        assertEquals("unix:///var/run/docker.sock", setting(settings, "docker-host").get("value").asText());
        assertEquals("default", setting(settings, "docker-host").get("source").asText());
    }

    private static JsonNode setting(JsonNode settings, String key) {
        for (JsonNode setting : settings) {
            if (setting.get("key").asText().equals(key)) {
                return setting;
            }
        }
        throw new AssertionError("no setting " + key + " in " + settings);
    }

    @Test
    void aBrokenConfigFileIsAUsageErrorWithItsPosition() throws IOException {
        Files.writeString(dir.resolve("cloudscale.yaml"), "project: x\nprojcet: y\n");

        CliHarness.Result result = cli().run("config");

        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("cloudscale: " + dir.resolve("cloudscale.yaml") + ":2:1: unknown key 'projcet'"), result.err());
    }

    @Command(name = "boom")
    static final class Boom implements Runnable {
        @Override
        public void run() {
            throw new IllegalStateException("kaboom with SharedAccessKey=abc123secret");
        }
    }

    @Command(name = "unreachable")
    static final class Unreachable implements Runnable {
        @Override
        public void run() {
            throw new CloudscaleException.Unreachable("no Docker engine at unix:///x.sock: is dockerd running?", "start dockerd", null);
        }
    }

    @Test
    void anInternalErrorIsExit4WithoutAStackTraceAndWithoutSecrets() {
        CliHarness.Result result = cli().run(commandLine -> commandLine.addSubcommand(new Boom()), "boom");

        assertEquals(4, result.exitCode());
        assertEquals("cloudscale: internal error: IllegalStateException: kaboom with SharedAccessKey=***\n"
                + "  hint: rerun with -x for the stack trace\n", result.err());
    }

    @Test
    void stacktraceFlagPrintsTheTrace() {
        CliHarness.Result result = cli().run(commandLine -> commandLine.addSubcommand(new Boom()), "-x", "boom");

        assertEquals(4, result.exitCode());
        assertTrue(result.err().contains("\tat io.cloudscale.cli.CliConventionsTest$Boom.run"), result.err());
        assertFalse(result.err().contains("abc123secret"));
    }

    @Test
    void typedExceptionsMapToTheirExitCodeAndJsonScriptsGetAnErrorDocument() {
        CliHarness.Result result = cli().run(commandLine -> commandLine.addSubcommand(new Unreachable()), "unreachable", "-o", "json");

        assertEquals(3, result.exitCode());
        assertEquals("cloudscale: no Docker engine at unix:///x.sock: is dockerd running?\n  hint: start dockerd\n", result.err());
        JsonNode error = result.json();
        assertEquals("cloudscale/v1", error.get("schema").asText());
        assertEquals("error", error.get("kind").asText());
        assertEquals(3, error.at("/data/exitCode").asInt());
        assertEquals("unreachable", error.at("/data/error").asText());
    }

    @Test
    void versionNamesToolJavaAndTheEngineState() {
        CliHarness.Result result = cli().run("--version", "-v");

        assertEquals(0, result.exitCode());
        assertTrue(result.out().startsWith("cloudscale "), result.out());
        assertTrue(result.out().contains("Java " + Runtime.version()), result.out());
        assertTrue(result.out().contains("Docker engine: no Docker engine at unix://"), result.out());
    }

    @Test
    void versionAsksTheEngineOnlyWithVerbose() {
        CliHarness.Result result = cli().run("--version");
        JsonNode docker = cli().run("--version", "-o", "json").json().at("/data/docker");

        assertEquals(0, result.exitCode());
        assertTrue(result.out().contains("Docker engine at unix://") && result.out().contains("not asked (--version -v asks)"), result.out());
        assertFalse(docker.get("asked").asBoolean(), docker.toString());
        assertTrue(docker.get("host").asText().startsWith("unix://"), docker.toString());
        assertFalse(docker.has("reachable"), docker.toString());
    }

    @Test
    void versionAsJsonIsAVersionedDocument() {
        JsonNode version = cli().run("--version", "-v", "-o", "json").json();

        assertEquals("cloudscale/v1", version.get("schema").asText());
        assertEquals("version", version.get("kind").asText());
        assertEquals(Runtime.version().toString(), version.at("/data/java").asText());
        assertFalse(version.at("/data/version").asText().isBlank());
        assertFalse(version.at("/data/commit").asText().isBlank());
        assertTrue(version.at("/data/docker/asked").asBoolean());
        assertFalse(version.at("/data/docker/reachable").asBoolean());
    }

    @Test
    void completionScriptsForBashAndZsh() {
        CliHarness.Result bash = cli().run("completion");
        CliHarness.Result zsh = cli().run("completion", "zsh");

        assertEquals(0, bash.exitCode());
        assertTrue(bash.out().contains("complete -F _complete_cloudscale"), bash.out());
        assertTrue(bash.out().contains("doctor"));
        assertTrue(zsh.out().startsWith("autoload -U +X compinit"));
        assertEquals(2, cli().run("completion", "fish").exitCode());
    }

    @Test
    void noColourWhenStdoutIsNotATerminal() {
        CliHarness.Result result = cli().run("doctor");

        assertFalse(result.out().contains("\u001b["), "captured stdout is not a terminal: no escape codes");
    }
}
