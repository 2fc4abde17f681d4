package io.cloudscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiagnoseCommandTest {

    @TempDir
    Path dir;

    @Test
    void withoutAnEngineItIsExit3WithinTwoSeconds() {
        long start = System.nanoTime();

        CliHarness.Result result = new CliHarness(dir).run("diagnose", "zero-events");

        assertEquals(3, result.exitCode());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2000);
        assertTrue(result.err().contains("cloudscale: no Docker engine at"), result.err());
    }

    @Test
    void listNamesEveryCauseWithItsPrior() {
        JsonNode catalog = new CliHarness(dir).run("diagnose", "--list", "-o", "json").json();

        assertEquals("zero-events", catalog.at("/data/diagnoses/0/name").asText());
        assertEquals(18, catalog.at("/data/diagnoses/0/causes").size());
        JsonNode healthy = catalog.at("/data/diagnoses/0/causes").findParents("id").stream()
                .filter(cause -> cause.path("id").asText().equals("healthy")).findFirst().orElseThrow();
        assertEquals("clients answered 2xx over the window", healthy.at("/predictions/0/says").asText(), "health is predicted, not left over");
    }

    @Test
    void confirmingRecordsHistoryAndUnknownCausesAreRejected() throws IOException {
        CliHarness cli = new CliHarness(dir);

        assertEquals(0, cli.run("diagnose", "--confirm", "api-shedding").exitCode());
        CliHarness.Result bogus = cli.run("diagnose", "--confirm", "gremlins");

        assertTrue(Files.readString(dir.resolve("home/.cloudscale/history.jsonl")).contains("\"cause\":\"api-shedding\""));
        assertEquals(2, bogus.exitCode());
        assertTrue(bogus.err().startsWith("cloudscale: 'gremlins' is not a cause of zero-events"), bogus.err());
    }

    @Test
    void zeroEventsOptionsCountOnEitherSideOfTheSubcommandsName() throws IOException {
        CliHarness cli = new CliHarness(dir);

        assertEquals(0, cli.run("diagnose", "--confirm", "poison-messages", "zero-events").exitCode());
        assertEquals(0, cli.run("diagnose", "zero-events", "--confirm", "no-clients").exitCode());
        CliHarness.Result shedding = cli.run("diagnose", "--confirm", "api-shedding", "load-shedding", "--live");

        String history = Files.readString(dir.resolve("home/.cloudscale/history.jsonl"));
        assertTrue(history.contains("\"cause\":\"poison-messages\"") && history.contains("\"cause\":\"no-clients\""), history);
        assertEquals(2, shedding.exitCode(), shedding.err());
        assertTrue(shedding.err().startsWith("cloudscale: load-shedding's verdict is read from the load data"), shedding.err());
    }

    @Test
    void unknownTreeAndBadWindowAreUsageErrors() {
        assertEquals(2, new CliHarness(dir).run("diagnose", "one-events").exitCode());
        assertEquals(2, new CliHarness(dir).run("diagnose", "--window", "soon").exitCode());
        assertEquals(2, new CliHarness(dir).run("diagnose", "zero-events", "--window", "soon").exitCode());
        assertEquals(2, new CliHarness(dir).run("diagnose", "load-shedding", "--from", "r.json", "--live").exitCode());
    }
}
