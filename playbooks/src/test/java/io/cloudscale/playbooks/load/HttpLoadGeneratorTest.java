package io.cloudscale.playbooks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The generator against a real HTTP server on loopback with known delays and answers. Timing figures are
 * given wide margins: these machines have two noisy cores; what is checked is the accounting, not speed.
 */
class HttpLoadGeneratorTest {

    private static LoadReport run(URI target, int connections, Duration timeout, Stage... stages) throws InterruptedException {
        LoadPlan plan = new LoadPlan(target, List.of(stages), connections, timeout, Duration.ZERO, "test", LoadPlan.eventBody("test"));
        return new LoadTest(Clock.systemUTC()).run(plan, (sample, stage, count) -> { });
    }

    @Test
    void holdsTheArrivalRateWhateverTheServersDelay() throws Exception {
        long delay = TimeUnit.MILLISECONDS.toNanos(50);
        try (LocalEndpoint endpoint = new LocalEndpoint((n, at) -> new LocalEndpoint.Answer(202, delay))) {
            LoadReport report = run(endpoint.uri(), 32, Duration.ofSeconds(5), new Stage(200, Duration.ofSeconds(3)));

            StageReport stage = report.stages().getFirst();
            assertEquals(600, report.sent(), "every request due in 3 s at 200/s was sent, no more");
            assertEquals(600, endpoint.received());
            assertEquals(0, report.unsent());
            assertEquals(600, report.totals().accepted());
            assertEquals(200, stage.sentRate(), 1e-9);
            // each second of the timeline carried about a second's worth
            report.timeline().stream().filter(second -> second.seconds() > 0.9).forEach(second ->
                    assertEquals(200, second.sent() / second.seconds(), 30, "second " + second.at()));
            // the injected delay shows, and a free connection was always there: little more than the delay
            assertTrue(stage.latency().p50() >= 50 && stage.latency().p50() < 100, "p50 " + stage.latency().p50());
        }
    }

    @Test
    void aStallIsCountedFromWhenEachRequestWasDueNotFromWhenItWentOut() throws Exception {
        // the server answers in 1 ms, except that everything arriving in the test's second second waits until it
        // is over: 100 requests due in that second wait 0..1000 ms. With 2 connections, only 2 of them are on the
        // wire during the stall; a generator that timed from its own send would see 2 slow requests, not 100.
        long stallFrom = TimeUnit.MILLISECONDS.toNanos(1500);
        long stallTo = TimeUnit.MILLISECONDS.toNanos(2500);
        LocalEndpoint[] self = new LocalEndpoint[1];
        try (LocalEndpoint endpoint = new LocalEndpoint((n, at) -> {
            long since = at - self[0].startedNanos;
            return new LocalEndpoint.Answer(202, since >= stallFrom && since < stallTo ? stallTo - since : TimeUnit.MILLISECONDS.toNanos(1));
        })) {
            self[0] = endpoint;
            LoadReport report = run(endpoint.uri(), 2, Duration.ofSeconds(5), new Stage(100, Duration.ofSeconds(4)));

            assertEquals(400, report.totals().accepted() + report.unsent());
            Latency latency = report.latency();
            // a quarter of the requests waited, spread evenly up to a second: p90 ~ 600 ms, max ~ 1000 ms
            assertTrue(latency.p90() >= 300, "p90 " + latency.p90() + " ms: the stall's queued requests were hidden");
            assertTrue(latency.max() >= 700, "max " + latency.max());
            assertTrue(latency.p50() < 100, "p50 " + latency.p50() + " ms: most requests were not in the stall");
        }
    }

    @Test
    void sortsAnswersIntoTheirClasses() throws Exception {
        int[] statuses = {202, 429, 503, 500, 404, 202, 202, 202, 202, 202};
        try (LocalEndpoint endpoint = new LocalEndpoint((n, at) -> new LocalEndpoint.Answer(statuses[(int) ((n - 1) % statuses.length)], 0))) {
            LoadReport report = run(endpoint.uri(), 1, Duration.ofSeconds(5), new Stage(100, Duration.ofSeconds(1)));

            assertEquals(new StatusCounts(60, 10, 10, 10, 10, 0, 0), report.totals());
        }
    }

    @Test
    void aRequestWithoutAnAnswerIsATimeoutAndItsConnectionIsReplaced() throws Exception {
        try (LocalEndpoint endpoint = new LocalEndpoint((n, at) -> new LocalEndpoint.Answer(202,
                n == 2 ? TimeUnit.SECONDS.toNanos(3) : 0))) {
            LoadReport report = run(endpoint.uri(), 1, Duration.ofMillis(200), new Stage(10, Duration.ofSeconds(1)));

            assertEquals(1, report.totals().timeout(), report.totals().toString());
            assertEquals(9, report.totals().accepted(), "the next requests went out on a new connection");
        }
    }

    @Test
    void aClosedPortIsAConnectionErrorForEveryRequestDue() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        LoadReport report = run(URI.create("http://127.0.0.1:" + port + "/api/events"), 4, Duration.ofSeconds(1), new Stage(50, Duration.ofSeconds(1)));

        assertEquals(50, report.totals().connection());
        assertEquals(50, report.totals().total());
        assertEquals(0, report.sent(), "nothing went out: no connection");
    }

    @Test
    void aRampHoldsEachRateInTurn() throws Exception {
        try (LocalEndpoint endpoint = new LocalEndpoint((n, at) -> new LocalEndpoint.Answer(202, 0))) {
            LoadReport report = run(endpoint.uri(), 8, Duration.ofSeconds(5), LoadPlan.ramp("50:150:50", Duration.ofSeconds(1)).toArray(Stage[]::new));

            assertEquals(List.of(50L, 100L, 150L), report.stages().stream().map(StageReport::sent).toList());
            assertEquals(300, report.totals().accepted());
        }
    }
}
