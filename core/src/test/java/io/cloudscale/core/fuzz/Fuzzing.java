package io.cloudscale.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.cloudscale.core.CloudscaleException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What every parser's fuzz test checks of one input: the parse ends within {@link #BOUND} (no hang, no
 * backtracking blow-up), allocates at most {@link #MAX_ALLOCATED_BYTES} doing it (no allocation sized by a
 * number in the input, no quadratic copying), and either returns or throws the documented error with a
 * one-line message, never anything else. The tests add their own checks of output size against input size.
 */
public final class Fuzzing {

    /** Far above what any input of a few KiB takes; a parse this slow is a hang or a quadratic path. */
    public static final Duration BOUND = Duration.ofSeconds(2);

    /** Far above what a parse of a few KiB allocates (a few MiB at most); a parse above it grows with something it should not. */
    public static final long MAX_ALLOCATED_BYTES = 128L * 1024 * 1024;

    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Daemon threads, reused between inputs (a fresh thread per input costs a good share of the executions). */
    private static final ExecutorService RUNNER = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "fuzz-parse");
        thread.setDaemon(true);
        return thread;
    });

    private Fuzzing() {
    }

    /** A file of this name in a fresh temporary directory, for the readers that take a path: each input is written to it. */
    public static Path scratchFile(String name) {
        try {
            Path directory = Files.createTempDirectory("fuzz-");
            directory.toFile().deleteOnExit();
            Path file = directory.resolve(name);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The parse's result, or null when it threw {@link CloudscaleException.Usage}, the operator's error. */
    public static <T> T parses(Callable<T> parse) {
        return parses(CloudscaleException.Usage.class, parse);
    }

    /** The parse's result, or null when it threw the documented {@code allowed} (that class exactly, with a one-line message). */
    public static <T> T parses(Class<? extends RuntimeException> allowed, Callable<T> parse) {
        return run(allowed, parse);
    }

    /** The parse's result; for parsers that take any text and throw nothing (a log line is whatever it is). */
    public static <T> T neverThrows(Callable<T> parse) {
        return run(null, parse);
    }

    private static <T> T run(Class<? extends RuntimeException> allowed, Callable<T> parse) {
        Future<T> result = RUNNER.submit(() -> {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            T value = parse.call();
            if (THREADS.getCurrentThreadAllocatedBytes() - before > MAX_ALLOCATED_BYTES) {
                // the first parses of a run load (and, fuzzing, instrument) classes on this thread: measure again, warm
                before = THREADS.getCurrentThreadAllocatedBytes();
                value = parse.call();
                long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
                if (allocated > MAX_ALLOCATED_BYTES) {
                    throw new AssertionError("the parse allocated %d MiB (at most %d MiB expected)"
                            .formatted(allocated >> 20, MAX_ALLOCATED_BYTES >> 20));
                }
            }
            return value;
        });
        try {
            return result.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            return fail("the parse took longer than " + BOUND.toSeconds() + " s (a hang, or super-linear in its input)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        } catch (ExecutionException e) {
            Throwable thrown = e.getCause();
            if (allowed != null && thrown.getClass() == allowed) {
                String message = thrown.getMessage();
                assertNotNull(message, "the error has a message");
                assertFalse(message.isBlank(), "the error's message is not blank");
                assertFalse(message.contains("\n") || message.contains("\r"), () -> "the error's message is one line: " + message);
                return null;
            }
            // rethrown as it is: Jazzer reports the exception and its stack trace as the finding
            if (thrown instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (thrown instanceof Error error) {
                throw error;
            }
            throw new AssertionError("the parse threw " + thrown, thrown);
        }
    }
}
