package io.cloudscale.core.action;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of the tests in a JVM of its own, so a test can SIGKILL it ({@link Process#destroyForcibly}
 * is SIGKILL on Linux) at the moment the child says it has reached: the child calls {@link #pauseHere} to
 * write a marker file and wait to be killed.
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    public static Process start(Class<?> main, Path output, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xshare:auto", main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    /** Runs the child to its end; returns its exit code. */
    public static int run(Class<?> main, Path output, String... args) throws IOException, InterruptedException {
        Process process = start(main, output, args);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("the child did not end within 60 s: " + Files.readString(output));
        }
        return process.exitValue();
    }

    /** Waits until the child wrote {@code marker}, then kills it with SIGKILL and waits for it to be gone. */
    public static void killAt(Process process, Path marker, Path output) throws IOException, InterruptedException {
        await(process, marker, output);
        kill(process);
    }

    /** Waits until the child wrote {@code marker}; fails when it ended or took more than a minute. */
    public static void await(Process process, Path marker, Path output) throws IOException, InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.exists(marker)) {
            if (!process.isAlive()) {
                fail("the child ended (exit " + process.exitValue() + ") before reaching " + marker.getFileName() + ": " + Files.readString(output));
            }
            if (System.nanoTime() > until) {
                process.destroyForcibly();
                fail("the child did not reach " + marker.getFileName() + " within 60 s: " + Files.readString(output));
            }
            Thread.sleep(5);
        }
    }

    public static void kill(Process process) throws InterruptedException {
        process.destroyForcibly();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the killed child is gone");
    }

    /** In the child: says it got here, then waits for the kill. */
    public static void pauseHere(Path marker) {
        try {
            Files.writeString(marker, "reached");
            Thread.sleep(Duration.ofMinutes(2));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("not killed within 2 minutes");
    }
}
