package io.cloudscale.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may touch of the outside world: its two streams, the environment, and where it
 * runs. Tests build one with captured streams; {@link Main} builds the real one.
 */
public record CliContext(BufferedReader in, PrintWriter out, PrintWriter err, Map<String, String> environment,
                         Path workingDirectory, Path home, boolean stdoutIsTerminal, boolean stdinIsTerminal,
                         boolean stderrIsTerminal) {

    public CliContext {
        environment = Map.copyOf(environment);
    }

    /** stderr taken to be a terminal exactly when stdout is. */
    public CliContext(BufferedReader in, PrintWriter out, PrintWriter err, Map<String, String> environment,
                      Path workingDirectory, Path home, boolean stdoutIsTerminal, boolean stdinIsTerminal) {
        this(in, out, err, environment, workingDirectory, home, stdoutIsTerminal, stdinIsTerminal, stdoutIsTerminal);
    }
}
