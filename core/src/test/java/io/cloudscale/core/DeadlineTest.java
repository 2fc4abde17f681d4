package io.cloudscale.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class DeadlineTest {

    @Test
    void returnsTheResultWhenInTime() {
        assertEquals("done", Deadline.within(Duration.ofSeconds(5), () -> "done", failure -> "failed"));
    }

    @Test
    void aHungTaskYieldsATimeoutInsteadOfAHang() {
        long start = System.nanoTime();
        Object outcome = Deadline.within(Duration.ofMillis(100), () -> {
            while (true) {
                Thread.onSpinWait(); // ignores interruption on purpose
            }
        }, failure -> failure);

        assertTrue(outcome instanceof TimeoutException, String.valueOf(outcome));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5, "gave up near its deadline");
    }

    @Test
    void theTasksOwnFailureIsHandedOver() {
        Object outcome = Deadline.within(Duration.ofSeconds(5), () -> {
            throw new IllegalStateException("engine said no");
        }, failure -> failure.getMessage());

        assertEquals("engine said no", outcome);
    }
}
