package io.cloudscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** `playbook` without a stack: list, validate, new, dry runs, and runs of steps that need no engine. */
class PlaybookCommandTest {

    @TempDir
    Path dir;

    @Test
    void listShowsTheBuiltIns() {
        JsonNode list = new CliHarness(dir).run("playbook", "list", "-o", "json").json();

        assertEquals(List.of("zero-events", "ports", "cosmos-cert", "load-shedding"),
                list.path("data").findValuesAsText("name"));
    }

    @Test
    void validateNamesEachProblemWithItsLineAndColumnAndExits1() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), "name: bad\nsteps:\n  - probe: nope\n    colour: red\n");

        CliHarness.Result result = new CliHarness(dir).run("playbook", "validate", file.toString());

        assertEquals(1, result.exitCode());
        assertTrue(result.out().startsWith(file + ":3:12: no probe named 'nope'"), result.out());
        assertTrue(result.out().contains(file + ":4:5: unknown key 'colour' in step"), result.out());
        assertEquals(0, new CliHarness(dir).run("playbook", "validate", "cosmos-cert").exitCode());
    }

    @Test
    void aNewSkeletonIsValidAndIsNeverWrittenOverAnotherFile() {
        CliHarness cli = new CliHarness(dir);

        assertEquals(0, cli.run("playbook", "new", "restart-processor", "--file", dir.resolve("r.yaml").toString()).exitCode());
        CliHarness.Result valid = cli.run("playbook", "validate", dir.resolve("r.yaml").toString());
        CliHarness.Result again = cli.run("playbook", "new", "restart-processor", "--file", dir.resolve("r.yaml").toString());

        assertEquals(0, valid.exitCode(), valid.out());
        assertEquals(2, again.exitCode());
        assertEquals(2, cli.run("playbook", "new", "Bad Name").exitCode());
    }

    @Test
    void aDryRunPlansEveryStepAndJournalsIt() throws Exception {
        Path journal = dir.resolve("runs.jsonl");

        CliHarness.Result result = new CliHarness(dir).run("playbook", "run", "zero-events", "--dry-run", "--journal", journal.toString(), "-o", "json");

        assertEquals(0, result.exitCode(), result.err());
        JsonNode run = result.json().path("data");
        assertTrue(run.path("dryRun").asBoolean());
        assertEquals(3, run.path("steps").size());
        assertTrue(run.path("steps").findValuesAsText("outcome").stream().allMatch("planned"::equals));
        assertEquals("would diagnose zero-events", run.path("steps").get(0).path("detail").asText());
        assertEquals(3, Files.readAllLines(journal).size());
    }

    @Test
    void aStepThatNeedsAPersonFailsWithoutOneAndTheJUnitReportSaysSo() throws Exception {
        Path file = Files.writeString(dir.resolve("ask.yaml"), """
                name: ask
                inputs:
                  port: {type: port, default: "8081"}
                steps:
                  - id: sure
                    ask: "free port ${inputs.port}?"
                """);
        Path junit = dir.resolve("ask.xml");
        CliHarness cli = new CliHarness(dir);

        CliHarness.Result alone = cli.run("playbook", "run", file.toString(), "--junit", junit.toString(), "--journal", dir.resolve("j").toString());
        Document report = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        CliHarness.Result yes = cli.run("playbook", "run", file.toString(), "--yes", "--set", "port=8082", "--journal", dir.resolve("j").toString());

        assertEquals(1, alone.exitCode());
        assertTrue(alone.out().contains("needs a person to confirm 'free port 8081?'"), alone.out());
        assertEquals("1", report.getDocumentElement().getAttribute("failures"));
        assertEquals(0, yes.exitCode(), yes.out());
    }

    @Test
    void badRunbooksAndInputsAreUsageErrors() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "name: bad\nsteps:\n  - probe: nope\n");
        CliHarness cli = new CliHarness(dir);
        String[][] cases = {
                {"playbook", "run", bad.toString()},
                {"playbook", "run", "no-such-builtin"},
                {"playbook", "run", "./missing.yaml"},
                {"playbook", "run", "zero-events", "--set", "window=soon", "--dry-run"},
                {"playbook", "run", "zero-events", "--set", "colour=red", "--dry-run"},
                {"playbook", "run", "zero-events", "--set", "novalue", "--dry-run"},
                {"playbook", "run", "zero-events", "--junit", "/no/such/dir/x.xml", "--dry-run"},
                {"playbook"},
        };
        for (String[] args : cases) {
            CliHarness.Result result = cli.run(args);
            assertEquals(2, result.exitCode(), String.join(" ", args) + ": " + result.err());
            assertFalse(result.err().contains("\tat "), result.err());
        }
        assertTrue(cli.run("playbook", "run", bad.toString()).err().contains(bad + ":3:12: no probe named 'nope'"));
    }
}
