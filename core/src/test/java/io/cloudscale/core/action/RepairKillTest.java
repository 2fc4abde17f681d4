package io.cloudscale.core.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudscale.core.json.JsonLinesAssert;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A repair SIGKILLed at each step in turn, before and after the step's effect: the journal tells, the next run completes it. */
class RepairKillTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"1-before", "1-after", "2-before", "2-after", "3-before", "3-after"})
    void aKilledRepairNamesItsStepInFlightAndTheNextRunCompletesIt(String pause) throws Exception {
        Path journalFile = dir.resolve("journal.jsonl");
        Path output = dir.resolve("child.log");
        int step = Integer.parseInt(pause.substring(0, 1));

        ChildJvm.killAt(ChildJvm.start(RepairChild.class, output, journalFile.toString(), dir.toString(), pause), dir.resolve("paused"), output);

        List<JsonNode> lines = JsonLinesAssert.everyLineIsJson(journalFile);
        JsonNode last = lines.getLast();
        assertEquals("begin", last.path("phase").asText());
        assertTrue(last.path("step").asText().endsWith("/" + step), last.toString());
        assertEquals(dir.resolve(RepairChild.FILES.get(step - 1)).toString(), last.path("undo").path("delete").asText(), "enough to undo it");
        assertEquals(1 + 2 * (step - 1) + 1, lines.size(), "the repair's begin, two lines per finished step, the intent in flight");

        Journal journal = new Journal(journalFile);
        List<Interrupted> interrupted = journal.interrupted();
        assertEquals(1, interrupted.size());
        assertEquals(last.path("step").asText(), interrupted.getFirst().inFlight().step());
        assertEquals(step - 1, interrupted.getFirst().stepsEnded());
        String line = interrupted.getFirst().describe();
        assertTrue(line.contains("test repair") && line.contains(last.path("step").asText()) && line.contains(last.path("at").asText()), line);
        assertFalse(line.contains("\n"), "one line");

        // the steps are idempotent: the next run re-applies them all and only what remained changes anything
        Repair next = journal.begin("test repair", "create a, b and c", RepairChild.FILES);
        long changed = RepairChild.FILES.stream()
                .map(name -> next.apply(new RepairChild.CreateFile(dir.resolve(name)), List::of))
                .filter(Repair.Done::changed).count();
        next.close("verify", "a, b and c", "check they exist", true, "all there", List.of());
        journal.resolve(interrupted.getFirst(), "test repair", "completed by repair " + next.id());

        assertEquals(pause.endsWith("before") ? 3 - step + 1 : 3 - step, changed);
        RepairChild.FILES.forEach(name -> assertTrue(Files.exists(dir.resolve(name)), name));
        assertEquals(List.of(), journal.interrupted(), "reported once");
        JsonLinesAssert.everyLineIsJson(journalFile);
    }

    @Test
    void aRepairThatRanToItsEndIsNotReported() throws Exception {
        Path journalFile = dir.resolve("journal.jsonl");
        assertEquals(0, ChildJvm.run(RepairChild.class, dir.resolve("child.log"), journalFile.toString(), dir.toString(), "none"));

        assertEquals(8, JsonLinesAssert.everyLineIsJson(journalFile).size());
        assertEquals(List.of(), new Journal(journalFile).interrupted());
    }
}
