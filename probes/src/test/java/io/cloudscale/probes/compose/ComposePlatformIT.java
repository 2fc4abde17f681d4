package io.cloudscale.probes.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.HealthCheck;
import io.cloudscale.core.Poll;
import io.cloudscale.probes.docker.DockerEngine;
import io.cloudscale.probes.docker.RequiresDockerEngine;
import io.cloudscale.probes.docker.TinyImage;
import io.cloudscale.probes.signals.ServiceState;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A compose service's state as the real engine reports it, from a busybox container labelled as compose labels its
 * containers, with a health check that passes: healthy while it runs; once stopped, the engine still holds a health
 * status ("unhealthy" after a stop; "healthy" if the engine itself was killed under it), which says nothing about a
 * container that is not running, so the state has no health.
 */
class ComposePlatformIT {

    private static final String IMAGE = "cloudscale-it/busybox:latest";
    private static final String PROJECT = "cs-it-compose-platform";
    private static final long ONE_SECOND = Duration.ofSeconds(1).toNanos();

    private static DockerEngine engine;
    private static String container;
    private static ComposePlatform platform;

    @BeforeAll
    static void healthyService() throws IOException {
        engine = RequiresDockerEngine.connect();
        TinyImage.loadBusybox(engine, IMAGE);
        container = engine.client().createContainerCmd(IMAGE).withCmd("/bin/busybox", "sleep", "600")
                .withHealthcheck(new HealthCheck().withTest(List.of("CMD", "/bin/busybox", "true"))
                        .withInterval(ONE_SECOND).withTimeout(ONE_SECOND).withRetries(1))
                .withLabels(Map.of(DockerEngine.PROJECT_LABEL, PROJECT, DockerEngine.SERVICE_LABEL, "worker",
                        DockerEngine.CREATED_BY_LABEL, "ComposePlatformIT"))
                .exec().getId();
        engine.start(container);
        platform = new ComposePlatform(engine, PROJECT, Duration.ofSeconds(10), Clock.systemUTC());
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

    private static ServiceState worker() {
        return platform.services().services().stream().filter(state -> state.service().equals("worker")).findFirst().orElseThrow();
    }

    @Test
    void aStoppedContainerHasNoHealthThoughTheEngineKeepsItsLastCheck() throws InterruptedException {
        assertTrue(Poll.until(ComposePlatformIT::worker, state -> "healthy".equals(state.health()), Duration.ofMillis(200), Duration.ofSeconds(30)).held(),
                "the health check passed within 30 s: " + worker());
        assertTrue(worker().running());

        engine.stop(container, Duration.ofSeconds(1));

        String kept = engine.client().inspectContainerCmd(container).exec().getState().getHealth().getStatus();
        ServiceState stopped = worker();
        assertEquals("exited", stopped.state());
        assertFalse(stopped.running());
        assertNull(stopped.health(), "the engine kept '" + kept + "'; a stopped container has no health");
    }
}
