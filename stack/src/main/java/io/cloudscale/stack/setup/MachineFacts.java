package io.cloudscale.stack.setup;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What setup saw of this machine, before planning anything: what it runs, who the tool runs as, which
 * programs are there, whether the engine and the test broker answer.
 *
 * @param programs    each program setup looks for, and where it was found
 * @param engineLocal the engine's address is a unix socket on this machine, so a dockerd started here would serve it
 * @param engine      how the engine answered ("Docker 20.10.24 (API 1.41)"), or why it did not
 * @param compose     the compose found and its version, empty when neither v2 nor v1 answers
 * @param mirror      the Debian mirror apt is configured with, empty when none is
 */
public record MachineFacts(OsRelease os, boolean root, boolean systemd, int javaFeature, String javaHome,
                           Map<String, Optional<Path>> programs, boolean busybox,
                           String engineHost, boolean engineLocal, boolean engineAnswers, String engine,
                           Optional<String> compose, Optional<String> mirror, boolean testBrokerAnswers) {

    public MachineFacts {
        programs = Map.copyOf(programs);
    }

    public boolean has(String program) {
        return programs.getOrDefault(program, Optional.empty()).isPresent();
    }
}
