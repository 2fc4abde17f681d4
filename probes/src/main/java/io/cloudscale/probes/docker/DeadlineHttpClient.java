package io.cloudscale.probes.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.Durations;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bounds every exchange with the engine by a deadline the tool enforces itself. The transport's own
 * response timeout is not honoured on a unix socket (its reads are native and cannot be interrupted),
 * so each exchange runs on a daemon thread that is abandoned, not waited for, when the deadline
 * passes. An ordinary answer is read whole within the deadline (a half answer that stalls is no
 * answer); a stream (logs -f, events, wait, attach) is bounded until its headers arrive; an upload (a build
 * context, an image archive) is not bounded here, since the engine answers only once it has read it all.
 */
record DeadlineHttpClient(DockerHttpClient delegate, String host, Duration deadline) implements DockerHttpClient {

    private static final Pattern STREAMING = Pattern.compile(
            "^(?:/v[\\d.]+)?(?:/events|/images/[^?]+/push|/containers/[^/]+/(?:attach|wait)|/exec/[^/]+/start)(?:[/?].*)?$"
                    + "|^(?:/v[\\d.]+)?/containers/[^/]+/(?:logs|stats)\\?(?:.*&)?(?:follow|stream)=(?:1|true)\\b.*$");
    /** An upload of unbounded size (a build context, an image archive): the engine answers only once it has it all. */
    private static final Pattern UPLOAD = Pattern.compile("^(?:/v[\\d.]+)?(?:/build|/images/load|/images/create|/containers/[^/]+/archive)(?:[/?].*)?$");
    private static final Pattern GRACE = Pattern.compile("^(?:/v[\\d.]+)?/containers/[^/]+/(?:stop|restart)\\?(?:.*&)?t=(\\d+)");

    /**
     * A ping answers at once from any engine that is there; a call that changes or inspects containers may take
     * a few seconds on a busy machine, so it gets a multiple of the ping's deadline before the engine counts as hung.
     */
    static final int CALL_FACTOR = 3;
    private static final Pattern PING = Pattern.compile("^(?:/v[\\d.]+)?/_ping$");

    @Override
    public Response execute(Request request) {
        if (UPLOAD.matcher(request.path()).matches()) {
            return delegate.execute(request); // its progress is streamed to the caller, who bounds it
        }
        boolean stream = request.hijackedInput() != null || STREAMING.matcher(request.path()).matches();
        Duration limit = (isPing(request.path()) ? deadline : deadline.multipliedBy(CALL_FACTOR)).plus(grace(request.path()));
        FutureTask<Response> exchange = new FutureTask<>(() -> stream ? delegate.execute(request) : readWhole(delegate.execute(request)));
        // a platform thread: a native read would pin a virtual thread's carrier for good
        Thread.ofPlatform().daemon().name("docker-engine-call").start(exchange);
        try {
            return exchange.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new CloudscaleException.Unreachable("the Docker engine at " + host + " did not answer " + request.method() + " "
                    + withoutQuery(request.path()) + " within " + Durations.format(limit),
                    "the engine is hanging or overloaded: check dockerd (its log, systemctl status docker); "
                            + "CLOUDSCALE_ENGINE_TIMEOUT sets the deadline", null);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new CloudscaleException.Unreachable("interrupted while waiting for the Docker engine at " + host, null, e);
        }
    }

    private static boolean isPing(String path) {
        return PING.matcher(path).matches();
    }

    static Duration grace(String path) {
        Matcher matcher = GRACE.matcher(path);
        return matcher.find() ? Duration.ofSeconds(Long.parseLong(matcher.group(1))) : Duration.ZERO;
    }

    static boolean streams(String path) {
        return STREAMING.matcher(path).matches();
    }

    static boolean uploads(String path) {
        return UPLOAD.matcher(path).matches();
    }

    static String withoutQuery(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    private static Response readWhole(Response response) throws IOException {
        try (response) {
            InputStream body = response.getBody();
            byte[] bytes = body == null ? new byte[0] : body.readAllBytes();
            return new Buffered(response.getStatusCode(), response.getHeaders(), bytes);
        }
    }

    private record Buffered(int getStatusCode, Map<String, List<String>> getHeaders, byte[] bytes) implements Response {
        @Override
        public InputStream getBody() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public void close() {
        }
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
