package io.cloudscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Setup on a simulated bare machine: the invocation's PATH is an empty folder and the engine's socket is not
 * there. Without apt-get on that PATH nothing can be applied, so these runs never change this machine.
 */
class SetupCommandTest {

    @TempDir
    Path dir;

    private CliHarness bare() throws Exception {
        return new CliHarness(dir).env("PATH", Files.createDirectories(dir.resolve("empty-bin")).toString());
    }

    @Test
    void aDryRunShowsWhatIsMissingAndTheCommandsAPersonMustRunAndChangesNothing() throws Exception {
        CliHarness.Result result = bare().run("setup", "--dry-run", "--for", "tests");

        assertEquals(1, result.exitCode(), result.err());
        assertTrue(result.out().contains("✗ docker engine    no dockerd on PATH, and no Docker engine at unix://" + dir.resolve("no-engine.sock")), result.out());
        assertTrue(result.out().contains("✗ compose"), result.out());
        assertTrue(result.out().contains(" test broker      "), result.out()); // ✗ or ✓: whether a broker runs is this machine's
        assertTrue(result.out().contains("a person must run:"), result.out());
        assertTrue(result.out().contains("apt-get install -y -q --no-install-recommends docker.io docker-compose debootstrap npm"),
                result.out());
        assertTrue(result.out().contains("install or start anything: apt-get is not on PATH"), result.out());
        assertFalse(Files.exists(dir.resolve("home/.cloudscale/journal.jsonl")), "a dry run journals nothing");
    }

    @Test
    void theJsonDocumentIsKindSetup() throws Exception {
        CliHarness.Result result = bare().run("-o", "json", "setup", "--dry-run");

        assertEquals(1, result.exitCode());
        JsonNode data = result.json().get("data");
        assertEquals("setup", result.json().get("kind").asText());
        assertEquals("stack", data.get("purpose").asText());
        assertTrue(data.get("dryRun").asBoolean());
        assertFalse(data.get("ready").asBoolean());
        assertEquals("docker engine", data.at("/checks/1/name").asText());
        assertEquals("FAIL", data.at("/checks/1/status").asText());
        assertTrue(data.get("steps").isEmpty(), "nothing the tool could apply without apt-get");
        assertTrue(data.get("manual").size() >= 2, data.toString());
    }

    @Test
    void doctorFixIsTheSameAction() throws Exception {
        CliHarness.Result setup = bare().run("-o", "json", "setup", "--dry-run");
        CliHarness.Result doctor = bare().run("-o", "json", "doctor", "--fix", "--dry-run");

        assertEquals(setup.exitCode(), doctor.exitCode());
        assertEquals(setup.json().at("/data/manual"), doctor.json().at("/data/manual"));
        assertEquals("setup", doctor.json().get("kind").asText());
    }

    @Test
    void undoWithNothingRecordedStopsNothing() {
        CliHarness.Result result = new CliHarness(dir).run("setup", "--undo");

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("setup started nothing that still runs"), result.out());
    }

    @Test
    void aBadPurposeIsAUsageError() {
        CliHarness.Result result = new CliHarness(dir).run("setup", "--for", "production");

        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("--for"), result.err());
    }

    @Test
    void upWithoutAnEngineAtATerminalOffersSetupAndADeclinedOfferLeavesTheUsualError() throws Exception {
        CliHarness.Result result = bare().terminal("n\n").run("up");

        assertEquals(3, result.exitCode(), result.err());
        assertTrue(result.err().contains("Make this machine ready with `cloudscale setup` now"), result.err());
        assertTrue(result.err().contains("no Docker engine at"), result.err());
    }

    @Test
    void upWithoutATerminalDoesNotAsk() throws Exception {
        CliHarness.Result result = bare().run("up");

        assertEquals(3, result.exitCode());
        assertFalse(result.err().contains("cloudscale setup` now"), result.err());
    }
}
