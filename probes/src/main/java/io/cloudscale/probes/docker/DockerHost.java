package io.cloudscale.probes.docker;

import java.time.Duration;

/**
 * Where the engine is and how long the tool waits for it: {@code deadline} for the ping, three times it
 * for any other call that is not a stream or an upload (a stop or restart gets its grace period on top).
 */
public record DockerHost(String uri, Duration deadline) {

    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(5);

    public DockerHost {
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("an engine deadline must be positive");
        }
    }

    /** How long a call other than the ping may take (a stream or an upload excepted): a multiple of the ping's deadline. */
    public Duration callDeadline() {
        return deadline.multipliedBy(DeadlineHttpClient.CALL_FACTOR);
    }

    public static DockerHost of(String uri) {
        return new DockerHost(uri, DEFAULT_DEADLINE);
    }

    @Override
    public String toString() {
        return uri;
    }
}
