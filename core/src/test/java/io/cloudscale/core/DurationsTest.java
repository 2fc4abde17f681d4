package io.cloudscale.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void readsWhatOperatorsType() {
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofSeconds(10), Durations.parse("10s"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m"));
        assertEquals(Duration.ofDays(1), Durations.parse(" 1D "));
    }

    @Test
    void rejectsAnythingElseAsAUsageError() {
        for (String bad : new String[] {"", "10", "ten seconds", "10s junk", "-5s", "5 s"}) {
            assertEquals(ExitCode.USAGE, assertThrows(CloudscaleException.class, () -> Durations.parse(bad)).exitCode(), bad);
        }
    }

    @Test
    void formatsCompactly() {
        assertEquals("250ms", Durations.format(Duration.ofMillis(250)));
        assertEquals("10m", Durations.format(Duration.ofMinutes(10)));
        assertEquals("90s", Durations.format(Duration.ofSeconds(90)));
    }
}
