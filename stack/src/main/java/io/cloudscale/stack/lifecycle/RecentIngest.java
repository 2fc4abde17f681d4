package io.cloudscale.stack.lifecycle;

import io.cloudscale.core.Poll;
import io.cloudscale.probes.docker.ContainerLogs;
import io.cloudscale.probes.docker.DockerEngine;
import io.cloudscale.probes.signals.AccessLogTally;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Client requests per second through the gateway over the seconds before a reading, counted in its access log by
 * the engine's timestamp on each line: a rate at once, without waiting a second for another reading. It counts only
 * once the log shows the reading's own request to the status page (a line the tool itself caused): a log that does
 * not show it cannot be read in this format, or is not flowing, and its silence would say nothing.
 */
public final class RecentIngest {

    /** How far back the rate looks. */
    public static final Duration SPAN = Duration.ofSeconds(5);
    /** The own request's line reaches the engine within milliseconds; a log without it after this is not read. */
    private static final Duration OWN_LINE_WAIT = Duration.ofSeconds(1);
    private static final Duration OWN_LINE_INTERVAL = Duration.ofMillis(100);
    private static final Duration READ_DEADLINE = Duration.ofSeconds(5);
    private static final int MAX_LINES = 100_000;

    private final DockerEngine engine;
    private final String statusPath;
    private final Set<String> toolPaths;

    /** @param statusPath the gateway's status page, which the reading asked and which is the tool's own traffic */
    public RecentIngest(DockerEngine engine, String statusPath) {
        this.engine = engine;
        this.statusPath = statusPath;
        this.toolPaths = Set.of(statusPath, "/health");
    }

    /** Requests per second from clients over {@link #SPAN} before {@code readAt}; empty when the log cannot tell. */
    public Optional<Double> perSecond(String gatewayContainerId, Instant readAt) throws InterruptedException {
        Poll.Result<Counted> counted = Poll.until(() -> count(gatewayContainerId, readAt), Counted::ownReadSeen, OWN_LINE_INTERVAL, OWN_LINE_WAIT);
        if (!counted.held()) {
            return Optional.empty();
        }
        return Optional.of(counted.last().clientRequests() / (SPAN.toMillis() / 1000.0));
    }

    private record Counted(long clientRequests, boolean ownReadSeen) {
    }

    private Counted count(String containerId, Instant readAt) throws InterruptedException {
        Instant from = readAt.minus(SPAN);
        AccessLogTally before = new AccessLogTally(toolPaths);
        AccessLogTally after = new AccessLogTally(Set.of(statusPath));
        new ContainerLogs(engine).read(containerId, from, MAX_LINES, READ_DEADLINE, line -> ContainerLogs.timestampOf(line)
                .filter(at -> !at.isBefore(from))
                .ifPresent(at -> (at.isBefore(readAt) ? before : after).accept(line)));
        return new Counted(before.requests(), after.ignored() > 0);
    }
}
