package io.cloudscale.probes.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandRunnerTest {

    private final CommandRunner runner = new CommandRunner();

    @Test
    void capturesBothStreamsAndTheExitCode() {
        CommandResult result = runner.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(10));

        assertTrue(result.started());
        assertEquals(3, result.exitCode());
        assertEquals("out\n", result.stdout());
        assertEquals("err\n", result.stderr());
        assertFalse(result.succeeded());
    }

    @Test
    void argumentsAreNeverInterpretedByAShell() {
        CommandResult result = runner.run(List.of("echo", "$(id)", ";", "rm", "-rf", "/"), Duration.ofSeconds(10));

        assertEquals("$(id) ; rm -rf /\n", result.stdout());
    }

    @Test
    void aMissingProgramIsReportedNotThrown() {
        CommandResult result = runner.run(List.of("cloudscale-no-such-program"), Duration.ofSeconds(10));

        assertFalse(result.started());
        assertFalse(result.succeeded());
    }

    @Test
    void aProgramPastItsDeadlineIsKilled() {
        long start = System.nanoTime();
        CommandResult result = runner.run(List.of("sleep", "30"), Duration.ofMillis(200));

        assertTrue(result.timedOut());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10);
    }

    @Test
    void theChildGetsNoInput() {
        CommandResult result = runner.run(List.of("cat"), Duration.ofSeconds(10));

        assertTrue(result.succeeded(), "cat sees end of input at once instead of waiting on a terminal");
        assertEquals("", result.stdout());
    }
}
