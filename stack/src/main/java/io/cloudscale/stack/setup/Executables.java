package io.cloudscale.stack.setup;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Programs found on a PATH, the way a shell finds them. The PATH is the invocation's own (not the JVM's),
 * so a test can hand the tool an empty one and see what setup would plan on a bare machine.
 */
public final class Executables {

    private final List<Path> directories;

    public Executables(String path) {
        this.directories = Arrays.stream(Objects.requireNonNullElse(path, "").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(Executables::asPath)
                .flatMap(Optional::stream)
                .toList();
    }

    public Optional<Path> find(String program) {
        return directories.stream()
                .map(directory -> directory.resolve(program))
                .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
                .findFirst();
    }

    public boolean has(String program) {
        return find(program).isPresent();
    }

    private static Optional<Path> asPath(String entry) {
        try {
            return Optional.of(Path.of(entry));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
