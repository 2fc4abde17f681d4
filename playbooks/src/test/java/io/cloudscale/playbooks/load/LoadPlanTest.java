package io.cloudscale.playbooks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudscale.core.CloudscaleException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadPlanTest {

    @Test
    void aRampHoldsEveryStepFromFromToTo() {
        List<Stage> stages = LoadPlan.ramp("100:500:200", Duration.ofSeconds(5));

        assertEquals(List.of(100.0, 300.0, 500.0), stages.stream().map(Stage::rate).toList());
        assertTrue(stages.stream().allMatch(stage -> stage.duration().equals(Duration.ofSeconds(5))));
        assertEquals(List.of(100.0, 300.0), LoadPlan.ramp("100:400:200", Duration.ofSeconds(1)).stream().map(Stage::rate).toList(),
                "TO is held only when a step lands on it");
        assertEquals(List.of(0.5, 1.0), LoadPlan.ramp("0.5:1:0.5", Duration.ofSeconds(1)).stream().map(Stage::rate).toList());
    }

    @Test
    void badRatesAndTargetsAreUsageErrorsThatSayWhatToWrite() {
        for (String ramp : new String[] {"", "100", "100:50:10", "0:100:10", "100:200:0", "a:b:c", "1:100000:1"}) {
            CloudscaleException.Usage error = assertThrows(CloudscaleException.Usage.class, () -> LoadPlan.ramp(ramp, Duration.ofSeconds(1)), ramp);
            assertTrue(error.getMessage().startsWith("--ramp"), error.getMessage());
        }
        assertThrows(CloudscaleException.Usage.class, () -> LoadPlan.constant(0, Duration.ofSeconds(1)));
        assertThrows(CloudscaleException.Usage.class, () -> LoadPlan.constant(-5, Duration.ofSeconds(1)));
        assertThrows(CloudscaleException.Usage.class, () -> LoadPlan.constant(Double.NaN, Duration.ofSeconds(1)));
        assertThrows(CloudscaleException.Usage.class, () -> LoadPlan.constant(100, Duration.ZERO));
        List<Stage> one = LoadPlan.constant(100, Duration.ofSeconds(1));
        assertThrows(CloudscaleException.Usage.class, () -> plan("https://127.0.0.1/api/events", one, 8));
        assertThrows(CloudscaleException.Usage.class, () -> plan("localhost:8080/api/events", one, 8));
        assertThrows(CloudscaleException.Usage.class, () -> plan("http://127.0.0.1:8080/api/events", one, 0));
        assertEquals(Duration.ofSeconds(1), plan("http://127.0.0.1:8080/api/events", one, 8).totalDuration());
    }

    private static LoadPlan plan(String target, List<Stage> stages, int connections) {
        return new LoadPlan(URI.create(target), stages, connections, Duration.ofSeconds(1), Duration.ZERO, "t", LoadPlan.eventBody("t"));
    }
}
