package io.cloudscale.stack.lifecycle;

import io.cloudscale.probes.docker.ContainerLogs;
import io.cloudscale.probes.docker.DockerEngine;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows the gateway's JSON access log and counts answers by status class as they happen: the live
 * error rate that stub_status cannot give (it counts requests, not their outcomes).
 */
public final class GatewayStatusTally implements AutoCloseable {

    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"?(\\d{3})");

    /** Counts since the tally started. */
    public record Counts(long total, long ok, long tooMany, long unavailable, long otherClientErrors, long otherServerErrors) {
        public Counts minus(Counts earlier) {
            return new Counts(total - earlier.total, ok - earlier.ok, tooMany - earlier.tooMany, unavailable - earlier.unavailable,
                    otherClientErrors - earlier.otherClientErrors, otherServerErrors - earlier.otherServerErrors);
        }
    }

    private final AtomicLong total = new AtomicLong();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong tooMany = new AtomicLong();
    private final AtomicLong unavailable = new AtomicLong();
    private final AtomicLong client = new AtomicLong();
    private final AtomicLong server = new AtomicLong();
    private final Thread follower;

    private GatewayStatusTally(Thread follower) {
        this.follower = follower;
    }

    /** Starts following the gateway container's log from now, on a virtual thread. */
    public static GatewayStatusTally follow(DockerEngine engine, String containerId, Instant from) {
        GatewayStatusTally[] holder = new GatewayStatusTally[1];
        Thread thread = Thread.ofVirtual().name("gateway-log").unstarted(() -> {
            try {
                new ContainerLogs(engine).stream(containerId, from, true, line -> holder[0].accept(line));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // the gateway went away: the counts stop rising, which the view shows as no traffic
            }
        });
        holder[0] = new GatewayStatusTally(thread);
        thread.start();
        return holder[0];
    }

    /** Counts one access-log line; other lines (nginx's own errors) are not requests. */
    void accept(String line) {
        Matcher matcher = STATUS.matcher(line);
        if (!matcher.find()) {
            return;
        }
        int status = Integer.parseInt(matcher.group(1));
        total.incrementAndGet();
        if (status == 429) {
            tooMany.incrementAndGet();
        } else if (status == 503) {
            unavailable.incrementAndGet();
        } else if (status >= 500) {
            server.incrementAndGet();
        } else if (status >= 400) {
            client.incrementAndGet();
        } else {
            ok.incrementAndGet();
        }
    }

    public Counts counts() {
        return new Counts(total.get(), ok.get(), tooMany.get(), unavailable.get(), client.get(), server.get());
    }

    /** A tally that never counts: for a stack whose gateway is not running. */
    public static GatewayStatusTally detached() {
        return new GatewayStatusTally(null);
    }

    @Override
    public void close() {
        if (follower != null) {
            follower.interrupt();
        }
    }
}
