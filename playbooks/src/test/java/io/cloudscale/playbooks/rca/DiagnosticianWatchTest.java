package io.cloudscale.playbooks.rca;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How long the probes watch when the window counts from the operator's asking and starting up took a while. */
class DiagnosticianWatchTest {

    @Test
    void aQuickStartLeavesTheRestOfTheWindow() {
        assertEquals(Duration.ofMillis(9_300), Diagnostician.watchLeft(Duration.ofSeconds(10), Duration.ofMillis(700)));
    }

    @Test
    void aSlowStartOnABusyMachineStillLeavesHalfTheWindowToWatch() {
        assertEquals(Duration.ofSeconds(5), Diagnostician.watchLeft(Duration.ofSeconds(10), Duration.ofSeconds(7)));
        assertEquals(Duration.ofSeconds(30), Diagnostician.watchLeft(Duration.ofMinutes(1), Duration.ofSeconds(45)));
    }

    @Test
    void aShortWindowIsWatchedForThreeLooksAndNeverLongerThanItself() {
        assertEquals(Duration.ofSeconds(3), Diagnostician.watchLeft(Duration.ofSeconds(4), Duration.ofSeconds(3)));
        assertEquals(Duration.ofSeconds(2), Diagnostician.watchLeft(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertEquals(Duration.ofMillis(500), Diagnostician.watchLeft(Duration.ofMillis(500), Duration.ofSeconds(5)));
    }
}
