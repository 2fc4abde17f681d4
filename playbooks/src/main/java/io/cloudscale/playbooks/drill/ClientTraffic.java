package io.cloudscale.playbooks.drill;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The drill's clients: events posted through the gateway at a steady rate, every outcome counted. A fault
 * is only visible while events flow, and "no clients" is a fault of its own, so traffic can be paused and
 * its rate raised for a burst. Where the gateway is can change under the clients (on a cluster, a port-forward
 * to whichever gateway pod runs): it is looked up again every {@link #LOOK_UP} on a thread of its own, and
 * while there is none each request counts as failed, as a client that cannot connect.
 */
public final class ClientTraffic implements AutoCloseable {

    /** What the clients saw so far: each answered request is one of accepted, rejected (429/503) or failed; the rest are in flight. */
    public record Tally(long attempted, long accepted, long rejected, long failed) {
    }

    public static final String CLIENT_ID = "cloudscale-drill";
    private static final int MAX_IN_FLIGHT = 64;
    static final Duration LOOK_UP = Duration.ofSeconds(1);

    private final Supplier<URI> endpoint;
    private volatile URI ingest;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final AtomicLong attempted = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile double perSecond;
    private volatile boolean paused;
    private volatile boolean closed;
    private Thread sender;
    private Thread lookUp;

    /** Clients of a gateway that stays where it is. */
    public ClientTraffic(URI ingest, double perSecond) {
        this(() -> ingest, perSecond);
    }

    /** Clients of the gateway {@code endpoint} says is there now; it throws, or gives null, when none is. */
    public ClientTraffic(Supplier<URI> endpoint, double perSecond) {
        this.endpoint = endpoint;
        rate(perSecond);
    }

    public synchronized void start() {
        if (sender == null) {
            lookUp();
            lookUp = Thread.ofVirtual().name("drill-clients-endpoint").start(() -> {
                while (!closed) {
                    LockSupport.parkNanos(LOOK_UP.toNanos());
                    lookUp();
                }
            });
            sender = Thread.ofPlatform().daemon().name("drill-clients").start(this::send);
        }
    }

    private void lookUp() {
        try {
            ingest = endpoint.get();
        } catch (RuntimeException none) {
            ingest = null;
        }
    }

    public double rate() {
        return perSecond;
    }

    public void rate(double newPerSecond) {
        if (newPerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive");
        }
        this.perSecond = newPerSecond;
    }

    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
    }

    public Tally tally() {
        return new Tally(attempted.get(), accepted.get(), rejected.get(), failed.get());
    }

    private void send() {
        long next = System.nanoTime();
        long sequence = 0;
        while (!closed) {
            next += (long) (1_000_000_000L / perSecond);
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else if (wait < -1_000_000_000L) {
                next = System.nanoTime(); // fell a second behind (paused machine): do not fire a catch-up burst
            }
            if (paused || closed) {
                continue;
            }
            attempted.incrementAndGet();
            URI target = ingest;
            if (target == null) {
                failed.incrementAndGet(); // no gateway to connect to
                continue;
            }
            if (!inFlight.tryAcquire()) {
                failed.incrementAndGet(); // the endpoint holds 64 requests unanswered: count it, never queue without bound
                continue;
            }
            post(target, ++sequence);
        }
    }

    private void post(URI ingest, long sequence) {
        String body = "{\"type\":\"drill.event\",\"source\":\"" + CLIENT_ID + "\",\"data\":{\"n\":" + sequence + "}}";
        HttpRequest request = HttpRequest.newBuilder(ingest).timeout(Duration.ofSeconds(5))
                .header("content-type", "application/json").header("X-Client-Id", CLIENT_ID)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            inFlight.release();
            if (error != null) {
                failed.incrementAndGet();
            } else if (response.statusCode() / 100 == 2) {
                accepted.incrementAndGet();
            } else if (response.statusCode() == 429 || response.statusCode() == 503) {
                rejected.incrementAndGet();
            } else {
                failed.incrementAndGet();
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        Thread looking = lookUp;
        if (looking != null) {
            looking.interrupt();
        }
        Thread running = sender;
        if (running != null) {
            running.interrupt();
            try {
                running.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        http.close();
    }
}
