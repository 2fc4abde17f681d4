package io.cloudscale.probes.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import io.cloudscale.core.Deadline;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A container's recent log lines through the engine API, with the engine's timestamps: a bounded read holds at most
 * its last lines, a follow streams them frame by frame; never a whole log. A line split across frames is joined
 * before it is handed on.
 */
public final class ContainerLogs {

    /** The first bounded read's lines from the end: a quiet service's last seconds, and more than a minute of most. */
    static final int FIRST_TAIL = 2_000;

    private final DockerEngine engine;

    public ContainerLogs(DockerEngine engine) {
        this.engine = engine;
    }

    /**
     * The lines since {@code since} (to the second, as the engine's own filter), at most the last {@code tail} of them,
     * each with the engine's timestamp in front.
     *
     * <p>A bounded read is taken from the end of the log: the last lines first, ten times as many again until they
     * reach back past {@code since} (or {@code tail}). Asked for lines since a time, the engine reads a json-file log
     * from its start: a third of a second for a gateway that has logged 10 MB, and more with every request it logs.
     *
     * @return false when a read did not finish within {@code timeout} (what arrived was still handed on)
     */
    public boolean read(String containerId, Instant since, int tail, Duration timeout, Consumer<String> lines) throws InterruptedException {
        if (tail == Integer.MAX_VALUE) {
            return fetch(containerId, since, tail, timeout, lines);
        }
        Instant from = since.truncatedTo(ChronoUnit.SECONDS);
        long end = System.nanoTime() + timeout.toNanos();
        int asked = Math.min(tail, FIRST_TAIL);
        while (true) {
            List<String> last = new ArrayList<>();
            boolean finished = fetch(containerId, Instant.EPOCH, asked, Duration.ofNanos(Math.max(1, end - System.nanoTime())), last::add);
            boolean reachesBack = last.size() < asked || asked >= tail || !last.isEmpty() && timestampOf(last.getFirst()).filter(at -> at.isBefore(from)).isPresent();
            if (reachesBack || !finished || System.nanoTime() >= end) {
                last.stream().filter(line -> timestampOf(line).map(at -> !at.isBefore(from)).orElse(true)).forEach(lines);
                return finished;
            }
            asked = (int) Math.min(tail, asked * 10L);
        }
    }

    /** The engine's timestamp at the front of a line read with timestamps; empty when there is none. */
    public static Optional<Instant> timestampOf(String line) {
        int space = line.indexOf(' ');
        if (space < 20) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(line.substring(0, space)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** One bounded read, bounded by {@code timeout} (the engine's own deadline is longer). */
    private boolean fetch(String containerId, Instant since, int tail, Duration timeout, Consumer<String> lines) throws InterruptedException {
        String query = "stdout=true&stderr=true&timestamps=true&tail=" + tail + (since.equals(Instant.EPOCH) ? "" : "&since=" + since.getEpochSecond());
        Optional<byte[]> log = Deadline.within(timeout, () -> Optional.of(engine.logs(containerId, query)), failure -> {
            if (failure instanceof TimeoutException || failure instanceof InterruptedException) {
                return Optional.empty();
            }
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        });
        if (Thread.interrupted()) {
            throw new InterruptedException("stopped while reading the log of " + containerId);
        }
        if (log.isEmpty()) {
            return false;
        }
        LineSplitter splitter = new LineSplitter(lines);
        LogFrames.payloads(log.get(), splitter::accept);
        splitter.flush();
        return true;
    }

    /**
     * Streams a container's log lines as the engine sends them (since a time, and with {@code follow} until
     * the container stops or the thread is interrupted). Lines carry no engine timestamps: services print their own.
     */
    public void stream(String containerId, Instant since, boolean follow, Consumer<String> lines) throws InterruptedException {
        LineSplitter splitter = new LineSplitter(lines);
        ResultCallback.Adapter<Frame> callback = engine.client().logContainerCmd(containerId)
                .withStdOut(true).withStdErr(true).withFollowStream(follow)
                .withSince((int) since.getEpochSecond())
                .exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Frame frame) {
                        splitter.accept(frame.getPayload());
                    }

                    @Override
                    public void onError(Throwable error) {
                        // the stream ends in an error when we close it (interrupt) or the container goes away:
                        // either way the lines so far were handed on, and the adapter's own logging would
                        // print a stack trace into the operator's terminal
                        try {
                            close();
                        } catch (java.io.IOException ignored) {
                            // closing a broken stream
                        }
                    }
                });
        try {
            callback.awaitCompletion();
        } finally {
            try {
                callback.close();
            } catch (java.io.IOException ignored) {
                // the stream is done with either way
            }
            splitter.flush();
        }
    }

    /** Joins bytes into lines across frame boundaries. */
    static final class LineSplitter {
        private final Consumer<String> lines;
        private final java.io.ByteArrayOutputStream partial = new java.io.ByteArrayOutputStream();

        LineSplitter(Consumer<String> lines) {
            this.lines = lines;
        }

        synchronized void accept(byte[] payload) {
            for (byte b : payload) {
                if (b == '\n') {
                    emit();
                } else {
                    partial.write(b);
                }
            }
        }

        synchronized void flush() {
            if (partial.size() > 0) {
                emit();
            }
        }

        private void emit() {
            String line = partial.toString(StandardCharsets.UTF_8);
            partial.reset();
            lines.accept(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        }
    }
}
