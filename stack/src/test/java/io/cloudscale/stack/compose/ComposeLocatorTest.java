package io.cloudscale.stack.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cloudscale.probes.process.CommandRunner;
import io.cloudscale.stack.FakePrograms;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposeLocatorTest {

    @TempDir
    Path dir;

    private final CommandRunner runner = new CommandRunner();

    @Test
    void prefersTheV2Plugin() throws IOException {
        Path docker = FakePrograms.script(dir, "docker", "[ \"$1 $2 $3\" = 'compose version --short' ] && echo v2.29.7");
        Path v1 = FakePrograms.script(dir, "docker-compose", "echo 1.29.2");

        Optional<ComposeCli> found = new ComposeLocator(runner, docker.toString(), v1.toString()).locate();

        assertEquals(Optional.of(new ComposeCli(ComposeCli.Flavor.V2, "2.29.7", List.of(docker.toString(), "compose"))), found);
    }

    @Test
    void fallsBackToV1WhenTheDockerCliHasNoComposePlugin() throws IOException {
        // what docker 28 prints without the plugin: its own usage, exit 125
        Path docker = FakePrograms.script(dir, "docker", "echo 'unknown flag: --short' >&2; exit 125");
        Path v1 = FakePrograms.script(dir, "docker-compose", "echo 1.29.2");

        Optional<ComposeCli> found = new ComposeLocator(runner, docker.toString(), v1.toString()).locate();

        assertEquals(Optional.of(new ComposeCli(ComposeCli.Flavor.V1, "1.29.2", List.of(v1.toString()))), found);
    }

    @Test
    void nothingWhenNeitherExists() {
        Optional<ComposeCli> found = new ComposeLocator(runner, dir.resolve("no-docker").toString(), dir.resolve("no-compose").toString()).locate();

        assertEquals(Optional.empty(), found);
    }

    @Test
    void v1sVersionIsAskedOncePerExecutableAndAgainWhenItIsReplaced() throws Exception {
        Path docker = FakePrograms.script(dir, "docker", "exit 125");
        Path asked = dir.resolve("asked");
        Path v1 = FakePrograms.script(dir, "docker-compose", "echo x >> " + asked + "; echo 1.29.2");
        Path cache = dir.resolve("home/.cloudscale/compose-v1.version");

        ComposeLocator locator = new ComposeLocator(runner, docker.toString(), v1.toString(), cache);
        assertEquals("1.29.2", locator.locate().orElseThrow().version());
        assertEquals("1.29.2", locator.locate().orElseThrow().version());
        assertEquals(1, java.nio.file.Files.readAllLines(asked).size(), "the second answer came from the cache");

        // an upgrade replaces the executable: a new size and time, so it is asked again
        FakePrograms.script(dir, "docker-compose", "echo x >> " + asked + "; echo 1.29.3  ");
        java.nio.file.Files.setLastModifiedTime(v1, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertEquals("1.29.3", locator.locate().orElseThrow().version());
        assertEquals(2, java.nio.file.Files.readAllLines(asked).size());
    }
}
