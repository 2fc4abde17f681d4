package io.cloudscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudscale.probes.docker.DockerEngine;
import io.cloudscale.probes.docker.RequiresDockerEngine;
import io.cloudscale.probes.docker.TinyImage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real container of a compose project prints Resilience4j's OPEN lines; `logs scan` streams them back. */
class LogsScanIT {

    private static final String IMAGE = "cloudscale-it/busybox:latest";

    @TempDir
    Path dir;

    @Test
    void findsTheOpenBreakerInAServicesContainerLogs() throws Exception {
        String project = "cs-logs-" + UUID.randomUUID().toString().substring(0, 8);
        try (DockerEngine engine = RequiresDockerEngine.connect()) {
            TinyImage.loadBusybox(engine, IMAGE);
            String script = """
                    echo "2026-11-26 06:41:50.002 INFO  [main] EventProcessor - consuming from events"
                    i=0; while [ $i -lt 500 ]; do echo "upserted event $i"; i=$((i+1)); done
                    echo "2026-11-26T06:41:52.414+00:00[Etc/UTC]: CircuitBreaker 'cosmos' changed state from CLOSED to OPEN"
                    echo "CallNotPermittedException: CircuitBreaker 'cosmos' is OPEN and does not permit further calls" >&2
                    """;
            String id = engine.client().createContainerCmd(IMAGE).withName(project + "-event-processor-1")
                    .withLabels(Map.of(DockerEngine.PROJECT_LABEL, project, DockerEngine.SERVICE_LABEL, "event-processor",
                            DockerEngine.ONEOFF_LABEL, "False"))
                    .withCmd("/bin/busybox", "sh", "-c", script).exec().getId();
            try {
                engine.client().startContainerCmd(id).exec();
                Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
                while (engine.client().inspectContainerCmd(id).exec().getState().getRunning() && Instant.now().isBefore(deadline)) {
                    Thread.sleep(100);
                }

                CliHarness.Result result = new CliHarness(dir).env("DOCKER_HOST", RequiresDockerEngine.dockerHost())
                        .run("-p", project, "logs", "scan", "event-processor", "--since", "5m", "-o", "json");

                assertEquals(1, result.exitCode(), result.err());
                JsonNode data = result.json().get("data");
                assertEquals(503, data.get("linesRead").asInt(), "stdout and stderr, every line, none split");
                assertTrue(data.get("complete").asBoolean());
                JsonNode open = data.at("/matches/0");
                assertEquals("circuit-open", open.get("signature").asText());
                assertEquals(2, open.get("count").asInt());
                assertEquals("cosmos", open.at("/details/0").asText());
            } finally {
                engine.client().removeContainerCmd(id).withForce(true).exec();
            }
        }
    }
}
