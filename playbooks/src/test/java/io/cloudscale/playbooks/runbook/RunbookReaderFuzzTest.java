package io.cloudscale.playbooks.runbook;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cloudscale.core.fuzz.Fuzzing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A runbook file from anyone, as `playbook validate` reads it: YAML with the loader's limits, then the
 * reader's checks. It never throws: a runbook comes back, or problems (each one line, with its place in the
 * file), within the bound. Seeds: RunbookReaderFuzzTestInputs/runbook (the built-ins' shapes and the malformed ones).
 */
class RunbookReaderFuzzTest {

    private static final Path FILE = Fuzzing.scratchFile("runbook.yaml");

    @FuzzTest(maxDuration = "3s")
    void runbook(byte[] content) throws IOException {
        Files.write(FILE, content);
        RunbookReader.Result result = Fuzzing.neverThrows(() ->
                RunbookReader.read(YamlDocument.read(FILE), FILE.toString(), RunbookCatalog.NAMES));
        assertTrue(result.valid() == (result.runbook() != null), result::toString);
        for (Problem problem : result.problems()) {
            assertNotNull(problem.message());
            assertFalse(problem.message().contains("\n") || problem.message().contains("\r"), () -> "one line: " + problem);
            assertTrue(problem.line() >= 1 && problem.column() >= 1, problem::toString);
        }
        if (result.valid()) {
            assertFalse(result.runbook().steps().isEmpty(), "a runbook that reads has steps");
        }
    }
}
