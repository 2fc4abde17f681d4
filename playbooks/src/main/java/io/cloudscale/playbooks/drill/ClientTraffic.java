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

/**
 * The drill's clients: events posted through the gateway at a steady rate, every outcome counted. A fault
 * is only visible while events flow, and "no clients" is a fault of its own, so traffic can be paused and
 * its rate raised for a burst.
 */
public final class ClientTraffic implements AutoCloseable {

    /** What the clients saw so far: each answered request is one of accepted, rejected (429/503) or failed; the rest are in flight. */
    public record Tally(long attempted, long accepted, long rejected, long failed) {
    }

    public static final String CLIENT_ID = "cloudscale-drill";
    private static final int MAX_IN_FLIGHT = 64;

    private final URI ingest;
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

    public ClientTraffic(URI ingest, double perSecond) {
        this.ingest = ingest;
        rate(perSecond);
    }

    public synchronized void start() {
        if (sender == null) {
            sender = Thread.ofPlatform().daemon().name("drill-clients").start(this::send);
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
            if (!inFlight.tryAcquire()) {
                failed.incrementAndGet(); // the endpoint holds 64 requests unanswered: count it, never queue without bound
                continue;
            }
            post(++sequence);
        }
    }

    private void post(long sequence) {
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
