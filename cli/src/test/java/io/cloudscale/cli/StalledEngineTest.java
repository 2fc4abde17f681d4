package io.cloudscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudscale.probes.docker.StalledEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Commands against a real socket that accepts and then stalls: exit 3 within the engine deadline, one line naming it. */
class StalledEngineTest {

    @TempDir
    Path dir;

    static List<Arguments> commands() {
        List<List<String>> commands = List.of(List.of("status"), List.of("diagnose", "zero-events"), List.of("probe", "container-state"),
                List.of("logs", "gateway"), List.of("down"), List.of("stack", "images"));
        return commands.stream()
                .flatMap(command -> java.util.Arrays.stream(StalledEngine.Behaviour.values()).map(behaviour -> Arguments.of(behaviour, command)))
                .toList();
    }

    @ParameterizedTest(name = "{1} against an engine that is {0}")
    @MethodSource("commands")
    void aStalledEngineIsExit3WithinTheDeadline(StalledEngine.Behaviour behaviour, List<String> command) throws IOException {
        try (StalledEngine engine = StalledEngine.start(dir, behaviour)) {
            long start = System.nanoTime();
            CliHarness.Result result = new CliHarness(dir).env("DOCKER_HOST", engine.host()).env("CLOUDSCALE_ENGINE_TIMEOUT", "1s")
                    .run(command.toArray(String[]::new));
            long tookMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();

            assertEquals(3, result.exitCode(), result.err());
            List<String> errors = result.err().lines().filter(line -> line.startsWith("cloudscale: ")).toList();
            assertEquals(List.of("cloudscale: the Docker engine at " + engine.host() + " did not answer GET /_ping within 1s"), errors);
            assertTrue(result.err().lines().noneMatch(line -> line.contains("Exception") || line.startsWith("\tat ")), result.err());
            assertTrue(tookMillis < 4000, command + " took " + tookMillis + " ms");
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(StalledEngine.Behaviour.class)
    void portsCheckAnswersFromTheHostAndSaysTheEngineDidNot(StalledEngine.Behaviour behaviour) throws IOException {
        try (StalledEngine engine = StalledEngine.start(dir, behaviour)) {
            long start = System.nanoTime();
            CliHarness.Result result = new CliHarness(dir).env("DOCKER_HOST", engine.host()).env("CLOUDSCALE_ENGINE_TIMEOUT", "1s")
                    .run("ports", "check", "-o", "json", "1");

            assertTrue(result.out().contains("did not answer GET /_ping within 1s"), result.out());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 4000);
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(StalledEngine.Behaviour.class)
    void versionStillAnswersAndSaysTheEngineDidNot(StalledEngine.Behaviour behaviour) throws IOException {
        try (StalledEngine engine = StalledEngine.start(dir, behaviour)) {
            long start = System.nanoTime();
            CliHarness.Result result = new CliHarness(dir).env("DOCKER_HOST", engine.host()).env("CLOUDSCALE_ENGINE_TIMEOUT", "1s")
                    .run("--version", "-v");

            assertEquals(0, result.exitCode(), result.err());
            assertTrue(result.out().contains("Docker engine: the Docker engine at " + engine.host() + " did not answer GET /_ping within 1s"),
                    result.out());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 4000);
        }
    }
}
