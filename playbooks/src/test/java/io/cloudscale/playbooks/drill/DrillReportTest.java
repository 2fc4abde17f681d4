package io.cloudscale.playbooks.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrillReportTest {

    static DrillResult result(String fault, boolean match, long verdictSeconds, Boolean restored) {
        return new DrillResult(fault, "", fault, match ? fault : "other", match, null, Duration.ofSeconds(verdictSeconds), List.of("p"),
                List.of(), restored, "", null);
    }

    @Test
    void passesOnlyWhenEveryVerdictMatchedAndEveryRestoreLeftTheStackHealthy() {
        assertTrue(new DrillReport("p", "offline", List.of(result("a", true, 20, true), result("b", true, 22, true)), false, null, null).passed());
        assertFalse(new DrillReport("p", "offline", List.of(result("a", true, 20, true), result("b", false, 22, true)), false, null, null).passed());
        assertFalse(new DrillReport("p", "offline", List.of(result("a", true, 20, false)), false, null, null).passed());
        assertTrue(new DrillReport("p", "offline", List.of(result("a", true, 20, null)), true, null, null).passed(), "a kept fault is not a failed restore");
        assertFalse(new DrillReport("p", "offline", List.of(), false, "the stack does not count", null).passed());
    }

    @Test
    void theMedianTimeToVerdictIsTheMiddleOfTheDrillsThatReachedOne() {
        DrillReport odd = new DrillReport("p", "offline", List.of(result("a", true, 30, true), result("b", true, 10, true), result("c", true, 20, true)), false, null, null);
        DrillReport even = new DrillReport("p", "offline", List.of(result("a", true, 30, true), result("b", true, 10, true)), false, null, null);

        assertEquals(Duration.ofSeconds(20), odd.medianTimeToVerdict());
        assertEquals(Duration.ofSeconds(20), even.medianTimeToVerdict());
        assertNull(new DrillReport("p", "offline", List.of(), false, null, null).medianTimeToVerdict());
    }
}
