package io.cloudscale.probes.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A container's recent log lines, streamed frame by frame through the engine API (with the engine's
 * timestamps), never loaded whole. A line split across frames is joined before it is handed on.
 */
public final class ContainerLogs {

    private final DockerEngine engine;

    public ContainerLogs(DockerEngine engine) {
        this.engine = engine;
    }

    /** @return false when the stream did not finish within {@code timeout} (what arrived was still handed on) */
    public boolean read(String containerId, Instant since, int tail, Duration timeout, Consumer<String> lines) throws InterruptedException {
        LineSplitter splitter = new LineSplitter(lines);
        ResultCallback.Adapter<Frame> callback = engine.client().logContainerCmd(containerId)
                .withStdOut(true).withStdErr(true).withTimestamps(true)
                .withSince((int) since.getEpochSecond()).withTail(tail)
                .exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Frame frame) {
                        splitter.accept(frame.getPayload());
                    }
                });
        boolean finished = callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            callback.close();
        } catch (java.io.IOException ignored) {
            // the stream is done with either way
        }
        splitter.flush();
        return finished;
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
