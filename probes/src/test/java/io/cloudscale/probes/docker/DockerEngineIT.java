package io.cloudscale.probes.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Docker client against the real engine that `cloudscale setup` starts (no registry: the image is imported). */
class DockerEngineIT {

    private static final String IMAGE = "cloudscale-it/empty:latest";

    private static DockerEngine engine;

    @BeforeAll
    static void connect() throws IOException {
        engine = RequiresDockerEngine.connect();
        TinyImage.load(engine, IMAGE);
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void versionNamesTheEngineAndAnApiTheToolSupports() {
        EngineInfo info = engine.info();

        assertFalse(info.version().isBlank());
        String[] api = info.apiVersion().split("\\.");
        assertTrue(Integer.parseInt(api[0]) == 1 && Integer.parseInt(api[1]) >= 41, info.apiVersion());
        assertFalse(info.rootDir().isBlank());
    }

    @Test
    void containersOfAProjectAreFoundByLabelInAnyState() {
        String project = "cs-it-" + UUID.randomUUID().toString().substring(0, 8);
        String mine = create(project, "gateway");
        String stranger = create(project + "-other", "gateway");
        try {
            List<ListedContainer> found = engine.projectContainers(project);

            assertEquals(List.of(mine), found.stream().map(ListedContainer::id).toList());
            assertEquals("gateway", found.getFirst().label(DockerEngine.SERVICE_LABEL));
            assertEquals("created", found.getFirst().state(), "a never-started container still belongs to the project");

            InspectedContainer inspected = engine.inspect(mine).orElseThrow();
            assertEquals(found.getFirst().name(), inspected.name());
            assertEquals("created", inspected.status());
            assertEquals(IMAGE, inspected.image());
            assertEquals(project, inspected.labels().get(DockerEngine.PROJECT_LABEL));
            assertEquals(0, inspected.restartCount());
            assertTrue(engine.inspect("cs-it-no-such-container").isEmpty(), "a container that is gone inspects as empty, not as a failure");
        } finally {
            engine.client().removeContainerCmd(mine).withForce(true).exec();
            engine.client().removeContainerCmd(stranger).withForce(true).exec();
        }
    }

    private static String create(String project, String service) {
        return engine.client().createContainerCmd(IMAGE)
                .withCmd("/marker")
                .withLabels(Map.of(DockerEngine.PROJECT_LABEL, project, DockerEngine.SERVICE_LABEL, service,
                        DockerEngine.ONEOFF_LABEL, "False"))
                .exec().getId();
    }
}
