package io.cloudscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudscale.probes.compose.ComposePlatform;
import io.cloudscale.probes.docker.DockerEngine;
import io.cloudscale.probes.docker.EngineSnapshot;
import io.cloudscale.probes.signals.ServiceLog;
import io.cloudscale.probes.signals.ServiceState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AOT training's played engine answers the tool's own engine client as the engine it was captured from did: the
 * offline stack's six services, running and healthy, their bindings, their logs. Were it to answer less, the cache
 * would silently hold less of what `status` and `ports check` load.
 */
class PlayedEngineTest {

    @Test
    void theToolReadsThePlayedStackAsTheRunningOfflineStack(@TempDir Path dir) throws Exception {
        try (PlayedEngine played = PlayedEngine.start(dir.resolve("engine.sock"));
             DockerEngine engine = DockerEngine.connect(played.dockerHost())) {
            ComposePlatform platform = new ComposePlatform(engine, "cloudscale", Duration.ofSeconds(5), Clock.systemUTC());

            List<ServiceState> services = platform.services().services();
            assertEquals(List.of("cosmos", "dashboard", "event-processor", "gateway", "ingestion-api", "rabbitmq"),
                    services.stream().map(ServiceState::service).toList());
            assertTrue(services.stream().allMatch(ServiceState::ready), services.toString());
            assertTrue(engine.projectContainers("another-project").isEmpty(), "the label filter is applied");

            EngineSnapshot snapshot = EngineSnapshot.capture(engine);
            assertEquals("cloudscale_gateway_1", snapshot.publishing(8080).getFirst().name());

            ServiceLog log = platform.recentLog("gateway", Instant.EPOCH, 100);
            assertTrue(log.complete());
            assertEquals(2, log.lines().size(), log.lines().toString());

            assertTrue(engine.info().version().startsWith("20.10"), engine.info().toString());
        }
    }
}
