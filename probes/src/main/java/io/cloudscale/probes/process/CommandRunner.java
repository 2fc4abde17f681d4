package io.cloudscale.probes.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a program as an argument list (never through a shell) with a deadline, capturing both streams. */
public final class CommandRunner {

    /** Child programs never wait on the operator's terminal. */
    private static final ProcessBuilder.Redirect NO_INPUT = ProcessBuilder.Redirect.from(new java.io.File("/dev/null"));

    public CommandResult run(List<String> command, Duration timeout) {
        return run(command, timeout, java.util.Map.of());
    }

    /** @param environment set on top of this process's own environment (the child still finds PATH and HOME) */
    public CommandResult run(List<String> command, Duration timeout, java.util.Map<String, String> environment) {
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectInput(NO_INPUT);
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            return new CommandResult(command, false, false, -1, "", e.getMessage());
        }
        CompletableFuture<String> stdout = drain(process.getInputStream());
        CompletableFuture<String> stderr = drain(process.getErrorStream());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new CommandResult(command, true, true, -1, stdout.getNow(""), stderr.getNow(""));
            }
            return new CommandResult(command, true, false, process.exitValue(), stdout.join(), stderr.join());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new CommandResult(command, true, true, -1, "", "interrupted");
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                stream.transferTo(buffer);
                return buffer.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, Thread::startVirtualThread);
    }
}
