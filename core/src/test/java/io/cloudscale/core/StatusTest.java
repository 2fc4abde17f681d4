package io.cloudscale.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cloudscale.core.check.CheckReport;
import io.cloudscale.core.check.CheckResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusTest {

    @Test
    void worstOfTwoIsTheMoreSevere() {
        assertEquals(Status.FAIL, Status.OK.worst(Status.FAIL));
        assertEquals(Status.WARN, Status.WARN.worst(Status.UNKNOWN));
        assertEquals(Status.UNKNOWN, Status.OK.worst(Status.UNKNOWN));
    }

    @Test
    void reportBlocksOnlyOnABlockingResult() {
        CheckReport warnings = new CheckReport(List.of(CheckResult.ok("java", "25"), CheckResult.warn("compose", "v1", "use v2")));
        CheckReport failure = new CheckReport(List.of(CheckResult.ok("java", "25"), CheckResult.fail("port 8081", "held", "free it")));

        assertEquals(false, warnings.blocking());
        assertEquals("1 ok, 1 warning(s), 0 failed, 0 unknown: ready for `cloudscale up`", warnings.summary());
        assertEquals(true, failure.blocking());
        assertEquals("1 ok, 0 warning(s), 1 failed, 0 unknown: something blocks `cloudscale up`", failure.summary());
    }
}
