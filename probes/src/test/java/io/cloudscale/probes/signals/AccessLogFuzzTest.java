package io.cloudscale.probes.signals;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cloudscale.core.fuzz.Fuzzing;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * The gateway's access log (nginx JSON and combined lines) and its stub_status page, as the throughput
 * probe reads them: a log line is whatever it is, so the tally never throws; a page that is not
 * stub_status is refused with IllegalArgumentException (the probe's IOException). Seeds: AccessLogFuzzTestInputs/gateway.
 */
class AccessLogFuzzTest {

    @FuzzTest(maxDuration = "3s")
    void gateway(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        AccessLogTally tally = Fuzzing.neverThrows(() -> {
            AccessLogTally counting = new AccessLogTally(Set.of("/nginx_status"));
            lines.forEach(counting::accept);
            return counting;
        });
        assertTrue(tally.requests() <= lines.size(), () -> tally.requests() + " requests from " + lines.size() + " lines");
        tally.classes().keySet().forEach(status -> assertTrue(status.matches("429|503|[0-9]xx"), status));

        StubStatus status = Fuzzing.parses(IllegalArgumentException.class, () -> StubStatus.parse(text));
        if (status != null) {
            assertTrue(status.active() >= 0 && status.requests() >= 0, status::toString);
        }
    }
}
