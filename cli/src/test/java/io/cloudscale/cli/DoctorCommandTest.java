package io.cloudscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Doctor with no engine at the configured socket: a blocking problem, exit 1. */
class DoctorCommandTest {

    @TempDir
    Path dir;

    @Test
    void textReportHasOneLinePerCheckAdviceAndASummary() {
        CliHarness.Result result = new CliHarness(dir).run("doctor");

        assertEquals(1, result.exitCode());
        String[] lines = result.out().split("\n");
        assertTrue(lines[0].startsWith("✓ java "), lines[0]);
        assertTrue(result.out().contains("✗ docker engine  no Docker engine at unix://" + dir.resolve("no-engine.sock") + ": is dockerd running?"), result.out());
        assertTrue(result.out().contains("→ cloudscale setup starts one"), result.out());
        for (String port : new String[] {"port 8080", "port 8081", "port 8082"}) {
            assertTrue(result.out().contains(port), port);
        }
        assertTrue(lines[lines.length - 1].endsWith("something blocks `cloudscale up`"), lines[lines.length - 1]);
    }

    @Test
    void jsonReportIsVersionedAndSaysWhetherUpIsBlocked() {
        CliHarness.Result result = new CliHarness(dir).run("doctor", "-o", "json");

        assertEquals(1, result.exitCode());
        JsonNode doc = result.json();
        assertEquals("cloudscale/v1", doc.get("schema").asText());
        assertEquals("doctor", doc.get("kind").asText());
        assertTrue(doc.at("/data/blocksUp").asBoolean());
        JsonNode engine = doc.at("/data/checks/1");
        assertEquals("docker engine", engine.get("name").asText());
        assertEquals("FAIL", engine.get("status").asText());
        assertTrue(engine.get("blocking").asBoolean());
    }

    @Test
    void quietShowsOnlyProblemsAndTheSummary() {
        CliHarness.Result result = new CliHarness(dir).run("doctor", "-q");

        assertTrue(!result.out().contains("✓ java"), result.out());
        assertTrue(result.out().contains("✗ docker engine"), result.out());
    }
}
