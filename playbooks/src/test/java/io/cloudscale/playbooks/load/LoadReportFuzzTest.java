package io.cloudscale.playbooks.load;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cloudscale.core.fuzz.Fuzzing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A load report from anyone, as `diagnose load-shedding --from FILE` reads it: the report read and given
 * its verdict, or a one-line usage error, within the bound. Seeds: LoadReportFuzzTestInputs/loadReport
 * (the recorded reports, bare and in the -o json envelope).
 */
class LoadReportFuzzTest {

    private static final Path FILE = Fuzzing.scratchFile("load.json");

    @FuzzTest(maxDuration = "3s")
    void loadReport(byte[] content) throws IOException {
        Files.write(FILE, content);
        LoadVerdict verdict = Fuzzing.parses(() -> LoadSheddingAnalyst.decide(LoadSheddingDiagnosis.read(FILE), Duration.ofMillis(500)));
        if (verdict != null) {
            assertNotNull(verdict.kind());
        }
    }
}
