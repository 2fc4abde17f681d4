package io.cloudscale.playbooks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudscale.core.CloudscaleException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verdict on reports recorded with {@code cloudscale load --save} against the offline stack on a 2-core
 * machine (src/test/resources/load-reports, each one's making in its README), one per class.
 */
class RecordedLoadReportsTest {

    private static final Duration BOUND = Duration.ofMillis(250);

    private static LoadReport recorded(String name) throws URISyntaxException {
        return LoadSheddingDiagnosis.read(Path.of(RecordedLoadReportsTest.class.getResource("/load-reports/" + name + ".json").toURI()));
    }

    @Test
    void theStackAtItsBulkheadSheds() throws Exception {
        LoadVerdict verdict = LoadSheddingAnalyst.decide(recorded("shedding"), BOUND);

        assertEquals(LoadVerdict.Kind.SHEDDING, verdict.kind(), verdict.evidence().toString());
        assertNotNull(verdict.knee());
        assertTrue(verdict.knee().exact());
        assertTrue(verdict.evidence().stream().anyMatch(line -> line.startsWith("latency rose before rejections began")), verdict.evidence().toString());
        assertTrue(verdict.evidence().stream().anyMatch(line -> line.contains("none lost")), verdict.evidence().toString());
    }

    @Test
    void theStackWithoutItsBulkheadSaturates() throws Exception {
        LoadVerdict verdict = LoadSheddingAnalyst.decide(recorded("saturation"), BOUND);

        assertEquals(LoadVerdict.Kind.SATURATION, verdict.kind(), verdict.evidence().toString());
        assertNotNull(verdict.knee());
    }

    @Test
    void anApiStoppedMidTestIsBreakage() throws Exception {
        LoadVerdict verdict = LoadSheddingAnalyst.decide(recorded("breakage"), BOUND);

        assertEquals(LoadVerdict.Kind.BREAKAGE, verdict.kind(), verdict.evidence().toString());
        assertTrue(verdict.evidence().stream().anyMatch(line -> line.contains("5xx other than 503")), verdict.evidence().toString());
        assertTrue(verdict.evidence().stream().anyMatch(line -> line.startsWith("container ingestion-api")), verdict.evidence().toString());
    }

    @Test
    void anApiWithoutItsBulkheadStallsAndTimesOut() throws Exception {
        LoadVerdict verdict = LoadSheddingAnalyst.decide(recorded("breakage-timeouts"), BOUND);

        assertEquals(LoadVerdict.Kind.BREAKAGE, verdict.kind(), verdict.evidence().toString());
        assertTrue(verdict.summary().contains("got no answer within 5000 ms"), verdict.summary());
    }

    @Test
    void aGentleRampIsWithinCapacity() throws Exception {
        LoadVerdict verdict = LoadSheddingAnalyst.decide(recorded("within-capacity"), BOUND);

        assertEquals(LoadVerdict.Kind.WITHIN_CAPACITY, verdict.kind(), verdict.evidence().toString());
        assertEquals(300, verdict.knee().rate());
    }

    @Test
    void whatIsNotALoadReportIsAUsageErrorWithWhereAndWhy(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\n  \"schema\": \"cloudscale/v1\",\n  \"kind\": \"load\",\n  \"data\": {\"stages\": [}\n}");
        Path drill = Files.writeString(dir.resolve("drill.json"), "{\"schema\":\"cloudscale/v1\",\"kind\":\"drill\",\"data\":{}}");
        Path future = Files.writeString(dir.resolve("future.json"), "{\"schema\":\"cloudscale/v9\",\"kind\":\"load\",\"data\":{}}");
        Path empty = Files.writeString(dir.resolve("empty.json"), "{}");
        Path array = Files.writeString(dir.resolve("array.json"), "[1, 2]");

        assertEquals(broken + ":4:23 is not a readable load report: Unexpected close marker '}': expected ']'", usage(broken));
        assertEquals(drill + " is a cloudscale 'drill' document, not a load report", usage(drill));
        assertTrue(usage(future).contains("has schema 'cloudscale/v9'"), usage(future));
        assertTrue(usage(empty).contains("not a cloudscale load report (no stages, timeline or totals)"), usage(empty));
        assertTrue(usage(array).contains("not a JSON object"), usage(array));
        assertEquals("no such file: " + dir.resolve("none.json"), usage(dir.resolve("none.json")));
    }

    private static String usage(Path file) {
        return assertThrows(CloudscaleException.Usage.class, () -> LoadSheddingDiagnosis.read(file)).getMessage();
    }
}
