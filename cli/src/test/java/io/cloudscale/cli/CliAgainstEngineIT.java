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

/** --version and doctor against the real engine that .ci/run starts. */
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
}
