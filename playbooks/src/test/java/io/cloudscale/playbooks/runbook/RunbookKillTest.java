package io.cloudscale.playbooks.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudscale.core.action.ChildJvm;
import io.cloudscale.core.json.JsonLinesAssert;
import io.cloudscale.playbooks.StackSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A runbook SIGKILLed during each of its acting steps in turn: the journal names the run and the step, and the next run reports it once. */
class RunbookKillTest {

    @TempDir
    Path dir;

    private Path runbook(int sleeper) throws Exception {
        StringBuilder yaml = new StringBuilder("name: killable\nrequires: {shell: true}\nsteps:\n");
        for (int i = 1; i <= 3; i++) {
            String command = i == sleeper ? "echo $$ > " + dir.resolve("step" + i + ".pid") + "; exec sleep 60" : "echo step " + i;
            yaml.append("  - id: step").append(i).append("\n    shell: [sh, -c, \"").append(command).append("\"]\n");
        }
        Path file = dir.resolve("killable.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void theNextRunReportsTheStepThatWasInFlight(int step) throws Exception {
        Path journal = dir.resolve("runs.jsonl");
        Path output = dir.resolve("child.log");
        Path pid = dir.resolve("step" + step + ".pid");

        Process child = ChildJvm.start(RunbookChild.class, output, journal.toString(), runbook(step).toString());
        ChildJvm.await(child, pid, output);
        while (Files.readString(pid).isBlank()) {
            Thread.sleep(5);
        }
        ChildJvm.kill(child);
        ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(ProcessHandle::destroyForcibly); // the orphaned command

        List<JsonNode> lines = JsonLinesAssert.everyLineIsJson(journal);
        assertEquals(2 * step - 1, lines.size(), "intent and result of each step before, the intent in flight");
        JsonNode last = lines.getLast();
        assertEquals("begin", last.path("phase").asText());
        assertEquals("step" + step, last.path("id").asText());

        Playbooks playbooks = new Playbooks(new StackSession(io.cloudscale.probes.docker.DockerHost.of("unix:///nonexistent.sock"), "cs-kill", dir, Map.of(), dir, Clock.systemUTC()));
        RunbookEngine.Options options = new RunbookEngine.Options(false, true, true, journal);
        List<String> reported = playbooks.interruptedRuns(options);
        assertEquals(1, reported.size());
        assertTrue(reported.getFirst().contains(last.path("run").asText()) && reported.getFirst().contains("step" + step)
                && reported.getFirst().contains(last.path("at").asText()), reported.getFirst());
        assertEquals(List.of(), playbooks.interruptedRuns(options), "reported once");

        assertEquals(0, ChildJvm.run(RunbookChild.class, output, journal.toString(), runbook(0).toString()), Files.readString(output));
        assertEquals(List.of(), playbooks.interruptedRuns(options), "a run that ended leaves nothing in flight");
        JsonLinesAssert.everyLineIsJson(journal);
    }
}
