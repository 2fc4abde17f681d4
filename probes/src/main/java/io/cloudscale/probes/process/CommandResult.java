package io.cloudscale.probes.process;

import java.util.List;

/** The outcome of an external command; {@code started} is false when the program does not exist. */
public record CommandResult(List<String> command, boolean started, boolean timedOut, int exitCode,
                            String stdout, String stderr) {

    public boolean succeeded() {
        return started && !timedOut && exitCode == 0;
    }
}
