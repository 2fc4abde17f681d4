package io.cloudscale.stack.compose;

import io.cloudscale.probes.process.CommandResult;
import io.cloudscale.probes.process.CommandRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds compose as an operator would: the v2 plugin first, then v1 `docker-compose`. */
public final class ComposeLocator {

    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(10);

    private final CommandRunner runner;
    private final String dockerProgram;
    private final String composeV1Program;

    public ComposeLocator(CommandRunner runner) {
        this(runner, "docker", "docker-compose");
    }

    /** With explicit programs, for machines (and tests) where they are not the ones on PATH. */
    public ComposeLocator(CommandRunner runner, String dockerProgram, String composeV1Program) {
        this.runner = runner;
        this.dockerProgram = dockerProgram;
        this.composeV1Program = composeV1Program;
    }

    public Optional<ComposeCli> locate() {
        return probe(ComposeCli.Flavor.V2, List.of(dockerProgram, "compose"))
                .or(() -> probe(ComposeCli.Flavor.V1, List.of(composeV1Program)));
    }

    private Optional<ComposeCli> probe(ComposeCli.Flavor flavor, List<String> base) {
        List<String> command = new ArrayList<>(base);
        command.addAll(List.of("version", "--short"));
        CommandResult result = runner.run(command, VERSION_TIMEOUT);
        if (!result.succeeded()) {
            return Optional.empty();
        }
        String version = result.stdout().strip().replaceFirst("^v", "");
        return Optional.of(new ComposeCli(flavor, version, base));
    }
}
