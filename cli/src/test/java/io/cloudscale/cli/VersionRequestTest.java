package io.cloudscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A line that only asks for the version is answered without picocli, exactly as picocli answers it. */
class VersionRequestTest {

    @TempDir
    Path dir;

    private void assertSameAnswer(CliHarness main, CliHarness picocli, String line) {
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");
        CliHarness.Result quick = main.asMain().run(args);
        CliHarness.Result full = picocli.run(args);

        assertEquals(full.exitCode(), quick.exitCode(), line);
        assertEquals(full.out(), quick.out(), line);
        assertEquals(full.err(), quick.err(), line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "--version -o json", "-o json --version", "--output=json --version", "--version --output text",
            "--version -o xml", "--version --version", "--version -v", "--version -o", "-o json", "--version doctor"})
    void answersAsPicocliDoes(String line) {
        assertSameAnswer(new CliHarness(dir).env("DOCKER_HOST", "unix:///nonexistent.sock"),
                new CliHarness(dir).env("DOCKER_HOST", "unix:///nonexistent.sock"), line);
    }

    @Test
    void settingsFromTheEnvironmentAndTheFileToo() throws IOException {
        Files.writeString(dir.resolve("cloudscale.yaml"), "docker-host: unix:///from/the/file.sock\noutput: json\n");
        assertSameAnswer(new CliHarness(dir), new CliHarness(dir), "--version");
        assertSameAnswer(new CliHarness(dir).env("CLOUDSCALE_OUTPUT", "text"), new CliHarness(dir).env("CLOUDSCALE_OUTPUT", "text"), "--version");
        assertSameAnswer(new CliHarness(dir).env("CLOUDSCALE_OUTPUT", "xml"), new CliHarness(dir).env("CLOUDSCALE_OUTPUT", "xml"), "--version");
        assertSameAnswer(new CliHarness(dir).env("DOCKER_HOST", "unix:///100%.sock"), new CliHarness(dir).env("DOCKER_HOST", "unix:///100%.sock"), "--version");
    }

    @Test
    void aVersionRequestNeverBuildsTheCommandTree() {
        CliHarness.Result result = new CliHarness(dir).asMain().run("--version");

        assertEquals(0, result.exitCode());
        assertTrue(result.out().startsWith("cloudscale "), result.out());
    }
}
