package io.cloudscale.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Real executables with scripted answers, for code that must run `docker` or `docker-compose`. */
public final class FakePrograms {

    private FakePrograms() {
    }

    public static Path script(Path dir, String name, String body) throws IOException {
        Path program = dir.resolve(name);
        Files.writeString(program, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        return program;
    }
}
