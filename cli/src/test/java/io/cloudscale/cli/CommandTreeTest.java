package io.cloudscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Building only the commands a line names answers exactly as building them all. */
class CommandTreeTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"--help", "", "nosuch", "-o json", "-o json nosuch", "--version -o json", "doctor --help",
            "ports --help", "ports check --help", "logs scan --help", "playbook run --help", "stack", "-p ports ports check --help",
            "completion", "completion zsh", "diagnose --list -o json", "config -o xml", "status --nosuch", "help"})
    void answersAsTheWholeTreeDoes(String line) {
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");
        CliHarness.Result lazy = new CliHarness(dir).env("DOCKER_HOST", "unix:///nonexistent.sock").run(args);
        CliHarness.Result whole = new CliHarness(dir).env("DOCKER_HOST", "unix:///nonexistent.sock").whole().run(args);

        assertEquals(whole.exitCode(), lazy.exitCode(), line);
        assertEquals(whole.out(), lazy.out(), line);
        assertEquals(whole.err(), lazy.err(), line);
    }
}
