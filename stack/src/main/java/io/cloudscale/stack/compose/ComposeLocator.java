package io.cloudscale.stack.compose;

import io.cloudscale.probes.process.CommandResult;
import io.cloudscale.probes.process.CommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds compose as an operator would: the v2 plugin first, then v1 `docker-compose`. v1 is a Python program that
 * takes one to two seconds to say its version, so with a cache file its answer is kept for the executable it came
 * from (path, size, modification time): replaced or upgraded, it is asked again.
 */
public final class ComposeLocator {

    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(10);
    /** Beside the fix journal, in ~/.cloudscale. */
    public static final String CACHE_FILE = "compose-v1.version";

    private final CommandRunner runner;
    private final String dockerProgram;
    private final String composeV1Program;
    private final Path cache;

    public ComposeLocator(CommandRunner runner) {
        this(runner, "docker", "docker-compose", null);
    }

    /** @param cache where v1's version is kept for the executable it came from */
    public ComposeLocator(CommandRunner runner, Path cache) {
        this(runner, "docker", "docker-compose", cache);
    }

    /** With explicit programs, for machines (and tests) where they are not the ones on PATH. */
    public ComposeLocator(CommandRunner runner, String dockerProgram, String composeV1Program) {
        this(runner, dockerProgram, composeV1Program, null);
    }

    ComposeLocator(CommandRunner runner, String dockerProgram, String composeV1Program, Path cache) {
        this.runner = runner;
        this.dockerProgram = dockerProgram;
        this.composeV1Program = composeV1Program;
        this.cache = cache;
    }

    public Optional<ComposeCli> locate() {
        return probe(ComposeCli.Flavor.V2, List.of(dockerProgram, "compose"))
                .or(this::composeV1);
    }

    private Optional<ComposeCli> composeV1() {
        Optional<String> identity = cache == null ? Optional.empty() : identity(composeV1Program);
        Optional<String> known = identity.flatMap(this::cached);
        if (known.isPresent()) {
            return Optional.of(new ComposeCli(ComposeCli.Flavor.V1, known.get(), List.of(composeV1Program)));
        }
        Optional<ComposeCli> found = probe(ComposeCli.Flavor.V1, List.of(composeV1Program));
        found.ifPresent(cli -> identity.ifPresent(id -> remember(id, cli.version())));
        return found;
    }

    /** The executable a program name runs: its path, size and modification time. */
    private static Optional<String> identity(String program) {
        Optional<Path> path = program.contains("/") ? Optional.of(Path.of(program)).filter(Files::isExecutable)
                : new io.cloudscale.stack.setup.Executables(System.getenv("PATH")).find(program);
        return path.flatMap(found -> {
            try {
                Path real = found.toRealPath();
                return Optional.of(real + "\t" + Files.size(real) + "\t" + Files.getLastModifiedTime(real).toMillis());
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    private Optional<String> cached(String identity) {
        try {
            String line = Files.readString(cache).strip();
            int tab = line.lastIndexOf('\t');
            return tab > 0 && line.substring(0, tab).equals(identity) ? Optional.of(line.substring(tab + 1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void remember(String identity, String version) {
        try {
            Files.createDirectories(cache.toAbsolutePath().getParent());
            Path temporary = Files.createTempFile(cache.toAbsolutePath().getParent(), "compose", ".tmp");
            Files.writeString(temporary, identity + "\t" + version + "\n");
            Files.move(temporary, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // no cache: the next run asks again
        }
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
