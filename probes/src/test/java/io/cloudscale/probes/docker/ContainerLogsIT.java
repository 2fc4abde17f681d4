package io.cloudscale.probes.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudscale.core.Poll;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bounded log reads against the real engine, from a busybox container that prints more lines than the first read
 * from the end takes, waits two seconds and prints two more.
 */
class ContainerLogsIT {

    private static final String IMAGE = "cloudscale-it/busybox:latest";
    private static final int EARLY = 3 * ContainerLogs.FIRST_TAIL / 2;

    private static DockerEngine engine;
    private static String container;

    @BeforeAll
    static void printing() throws IOException, InterruptedException {
        engine = RequiresDockerEngine.connect();
        TinyImage.loadBusybox(engine, IMAGE);
        String script = "i=0; while [ $i -lt " + EARLY + " ]; do echo line $i; i=$((i+1)); done; sleep 2; echo late-1; echo late-2; exec sleep 600";
        container = engine.client().createContainerCmd(IMAGE).withCmd("/bin/busybox", "sh", "-c", script)
                .withLabels(Map.of(DockerEngine.CREATED_BY_LABEL, "ContainerLogsIT")).exec().getId();
        engine.start(container);
        assertTrue(Poll.until(() -> read(Instant.EPOCH, 5), last -> !last.isEmpty() && last.getLast().endsWith("late-2"),
                Duration.ofMillis(100), Duration.ofSeconds(30)).held(), "the container printed its lines within 30 s");
    }

    @AfterAll
    static void remove() {
        if (engine != null) {
            if (container != null) {
                engine.remove(container);
            }
            engine.close();
        }
    }

    private static List<String> read(Instant since, int tail) throws InterruptedException {
        List<String> lines = new ArrayList<>();
        assertTrue(new ContainerLogs(engine).read(container, since, tail, Duration.ofSeconds(10), lines::add), "read within 10 s");
        return lines;
    }

    private static String text(String line) {
        return line.substring(line.indexOf(' ') + 1);
    }

    @Test
    void aWholeLogLongerThanTheFirstReadFromTheEndIsReadWholeInOrder() throws InterruptedException {
        List<String> lines = read(Instant.EPOCH, 100_000);

        assertEquals(EARLY + 2, lines.size());
        assertEquals("line 0", text(lines.getFirst()));
        assertEquals("line " + (EARLY - 1), text(lines.get(EARLY - 1)));
        assertEquals(List.of("late-1", "late-2"), lines.subList(EARLY, EARLY + 2).stream().map(ContainerLogsIT::text).toList());
    }

    @Test
    void linesSinceATimeAreThoseFromItsSecondOn() throws InterruptedException {
        List<String> all = read(Instant.EPOCH, 100_000);
        Instant late = ContainerLogs.timestampOf(all.get(EARLY)).orElseThrow();

        List<String> since = read(late, 100_000);

        assertEquals(List.of("late-1", "late-2"), since.stream().map(ContainerLogsIT::text).toList(),
                "the early lines were printed two seconds before: not in the second of late-1");
    }

    @Test
    void aTailBoundsTheLinesToTheLastOnes() throws InterruptedException {
        List<String> lines = read(Instant.EPOCH, 3);

        assertEquals(List.of("line " + (EARLY - 1), "late-1", "late-2"), lines.stream().map(ContainerLogsIT::text).toList());
    }

    @Test
    void theEnginesTimestampIsReadFromTheFrontOfALine() {
        assertEquals(Instant.parse("2026-12-02T14:53:58.216983402Z"),
                ContainerLogs.timestampOf("2026-12-02T14:53:58.216983402Z {\"status\":200}").orElseThrow());
        assertTrue(ContainerLogs.timestampOf("no timestamp here at all").isEmpty());
    }
}
