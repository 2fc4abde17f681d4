package io.cloudscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudscale.probes.docker.DockerEngine;
import io.cloudscale.probes.docker.EngineInfo;
import io.cloudscale.probes.docker.RequiresDockerEngine;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --version, doctor and setup against the real engine that `cloudscale setup` starts. */
class CliAgainstEngineIT {

    private static EngineInfo engine;

    @TempDir
    Path dir;

    @BeforeAll
    static void requireEngine() {
        try (DockerEngine connected = RequiresDockerEngine.connect()) {
            engine = connected.info();
        }
    }

    private CliHarness cli() {
        return new CliHarness(dir).env("DOCKER_HOST", RequiresDockerEngine.dockerHost());
    }

    @Test
    void versionReportsTheEngineAndItsApiVersion() {
        JsonNode docker = cli().run("--version", "-v", "-o", "json").json().at("/data/docker");

        assertTrue(docker.get("reachable").asBoolean(), docker.toString());
        assertEquals(engine.version(), docker.get("version").asText());
        assertEquals(engine.apiVersion(), docker.get("apiVersion").asText());
    }

    @Test
    void doctorSeesTheEngineAndItsExitCodeFollowsTheVerdict() {
        CliHarness.Result result = cli().run("doctor", "-o", "json");
        JsonNode report = result.json().get("data");

        JsonNode engineCheck = report.at("/checks/1");
        assertEquals("docker engine", engineCheck.get("name").asText());
        assertEquals("OK", engineCheck.get("status").asText(), engineCheck.toString());
        assertTrue(engineCheck.get("detail").asText().contains("API " + engine.apiVersion()));
        assertEquals(report.get("blocksUp").asBoolean() ? 1 : 0, result.exitCode());
    }

    /**
     * On the machine this suite runs on, set up by the README's test command: a second setup finds every need met
     * and plans nothing, changes nothing (no repair in the journal), and says so within seconds.
     */
    @Test
    void setupOnTheMachineTheTestsRunOnPlansNothing() {
        long started = System.nanoTime();
        CliHarness.Result result = cli().env("PATH", System.getenv("PATH")).run("-o", "json", "setup", "--for", "tests", "--yes");
        JsonNode data = result.json().get("data");

        assertEquals(0, result.exitCode(), data.toString());
        assertTrue(data.get("ready").asBoolean());
        assertTrue(data.get("steps").isEmpty(), data.toString());
        assertEquals("nothing to do: this machine is ready", data.get("message").asText());
        assertTrue(java.nio.file.Files.notExists(dir.resolve("home/.cloudscale/journal.jsonl")), "nothing was journalled");
        assertTrue(java.time.Duration.ofNanos(System.nanoTime() - started).toSeconds() < 15, "a ready machine costs a look");
    }
}
