package io.cloudscale.stack.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudscale.probes.docker.DockerHost;
import io.cloudscale.probes.host.HostProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Undo stops, with real processes this test starts, exactly what setup recorded, and never a process that reused a pid. */
class SetupUndoTest {

    @TempDir
    Path home;

    private Process sleeper;

    @AfterEach
    void stopOurs() {
        if (sleeper != null) {
            sleeper.destroyForcibly();
        }
    }

    private Setup setup() {
        return new Setup(Map.of("PATH", System.getenv("PATH")), DockerHost.of("unix://" + home.resolve("none.sock")), home,
                () -> { throw new AssertionError("undo needs no doctor"); }, Clock.systemUTC());
    }

    @Test
    void stopsTheRecordedProcessAndRecordsThatItDid() throws Exception {
        sleeper = new ProcessBuilder("sleep", "300").start();
        StartedBySetup started = new StartedBySetup(home, Clock.systemUTC());
        started.started("dockerd", sleeper.pid(), new HostProcesses().startTicks(sleeper.pid()).orElseThrow(), null, null);

        List<Setup.Stopped> stopped = setup().undo(false);

        assertEquals(1, stopped.size());
        assertTrue(stopped.getFirst().ok(), stopped.toString());
        assertEquals("stopped dockerd (pid " + sleeper.pid() + ")", stopped.getFirst().result());
        assertTrue(sleeper.waitFor(5, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(started.running().isEmpty());
        String journal = Files.readString(home.resolve(".cloudscale/journal.jsonl"));
        assertTrue(journal.contains("\"command\":\"setup --undo\"") && journal.contains("stop-started"), journal);
        assertTrue(setup().undo(false).isEmpty(), "a second undo has nothing to stop");
    }

    @Test
    void aPidNowHeldByALaterProcessIsNotTouched() throws Exception {
        sleeper = new ProcessBuilder("sleep", "300").start();
        long ticks = new HostProcesses().startTicks(sleeper.pid()).orElseThrow();
        new StartedBySetup(home, Clock.systemUTC()).started("rabbitmq", sleeper.pid(), ticks - 1, null, null);

        List<Setup.Stopped> stopped = setup().undo(false);

        assertTrue(stopped.getFirst().result().contains("is another process now"), stopped.toString());
        assertTrue(sleeper.isAlive());
    }

    @Test
    void aDryRunStopsNothingAndAProcessAlreadyGoneIsSaidSo() throws Exception {
        sleeper = new ProcessBuilder("sleep", "300").start();
        StartedBySetup started = new StartedBySetup(home, Clock.systemUTC());
        started.started("dockerd", sleeper.pid(), new HostProcesses().startTicks(sleeper.pid()).orElseThrow(), null, null);

        assertEquals("would stop dockerd (pid " + sleeper.pid() + ")", setup().undo(true).getFirst().result());
        assertTrue(sleeper.isAlive());

        sleeper.destroyForcibly().waitFor();
        List<Setup.Stopped> stopped = setup().undo(false);
        assertTrue(stopped.getFirst().result().endsWith("had stopped already"), stopped.toString());
        assertFalse(started.running().iterator().hasNext());
    }

}
