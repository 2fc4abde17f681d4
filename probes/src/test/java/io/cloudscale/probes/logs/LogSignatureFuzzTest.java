package io.cloudscale.probes.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cloudscale.core.fuzz.Fuzzing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A service's log through the platform's signatures, as {@code cloudscale logs --file} reads it: any bytes
 * at all are lines (malformed UTF-8 replaced), so the scan never throws, and what it keeps per signature is
 * bounded (three samples of at most 400 characters, five details) whatever the log. Seeds:
 * LogSignatureFuzzTestInputs/logFile (Resilience4j, Polly, Netty, JDK, nginx and logback lines).
 */
class LogSignatureFuzzTest {

    private static final Path FILE = Fuzzing.scratchFile("service.log");

    @FuzzTest(maxDuration = "3s")
    void logFile(byte[] content) throws IOException {
        Files.write(FILE, content);
        LogScanReport report = Fuzzing.neverThrows(() -> LogScans.file(FILE));
        long lines = new String(content, java.nio.charset.StandardCharsets.UTF_8).lines().count();
        assertTrue(report.linesRead() <= Math.max(lines, content.length), () -> report.linesRead() + " lines from " + content.length + " bytes");
        assertTrue(report.complete());
        for (SignatureMatch match : report.matches()) {
            assertTrue(match.count() >= 1 && match.count() <= report.linesRead(), match::toString);
            assertTrue(match.samples().size() <= LogScanner.SAMPLES && match.details().size() <= LogScanner.DETAILS, match::toString);
            match.samples().forEach(sample -> assertTrue(sample.length() <= 401, sample));
            if (match.firstSeen() != null) {
                assertTrue(!match.firstSeen().isAfter(match.lastSeen()), match::toString);
            }
        }
        assertEquals(report.matches().stream().map(SignatureMatch::signature).distinct().count(), report.matches().size());
    }
}
