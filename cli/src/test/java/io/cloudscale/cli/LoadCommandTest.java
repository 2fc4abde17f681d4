package io.cloudscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `load` and `diagnose load-shedding` end to end against a real HTTP server on loopback (no stack needed). */
class LoadCommandTest {

    @TempDir
    Path dir;

    private HttpServer server;
    private String target;

    @BeforeEach
    void startEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.createContext("/api/events", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(202, -1);
            }
        });
        server.start();
        target = "http://127.0.0.1:" + server.getAddress().getPort() + "/api/events";
    }

    @AfterEach
    void stopEndpoint() {
        server.stop(0);
    }

    @Test
    void aRunWritesItsReportAndChartAndTheReportReadsBackAsAVerdict() throws IOException {
        CliHarness cli = new CliHarness(dir);
        Path saved = dir.resolve("run.json");
        Path chart = dir.resolve("run.html");

        CliHarness.Result run = cli.run("load", "--url", target, "--rps", "50", "--duration", "2s", "--warmup", "0s",
                "--save", saved.toString(), "--chart", chart.toString(), "-o", "json");

        assertEquals(0, run.exitCode(), run.err());
        JsonNode report = run.json();
        assertEquals("load", report.path("kind").asText());
        assertEquals(100, report.at("/data/totals/2xx").asLong());
        assertEquals(100, report.at("/data/sent").asLong());
        assertTrue(report.at("/data/stack").isMissingNode(), "not this stack's gateway: nothing to watch");
        assertEquals(report, new ObjectMapper().readTree(saved.toFile()), "--save writes what -o json prints");
        assertTrue(Files.readString(chart).contains("<svg"), "the chart is drawn");

        CliHarness.Result verdict = cli.run("diagnose", "load-shedding", "--from", saved.toString(), "-o", "json");

        assertEquals(0, verdict.exitCode(), verdict.err());
        assertEquals("within-capacity", verdict.json().at("/data/verdict/kind").asText());
        CliHarness.Result text = cli.run("diagnose", "load-shedding", "--from", saved.toString());
        assertTrue(text.out().contains("within-capacity"), text.out());
    }

    @Test
    void nothingAnsweringIsExit3() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        CliHarness.Result run = new CliHarness(dir).run("load", "--url", "http://127.0.0.1:" + closed + "/api/events", "--rps", "20",
                "--duration", "1s", "--warmup", "0s");

        assertEquals(3, run.exitCode(), run.err());
        assertTrue(run.err().contains("nothing answered at http://127.0.0.1:" + closed), run.err());
    }

    @Test
    void anEndpointGivenAsTargetIsLoadsUrlAsItWasBeforeTargetNamedWhereThePlatformRuns() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        CliHarness.Result run = new CliHarness(dir).run("load", "--target", "http://127.0.0.1:" + closed + "/api/events", "--rps", "20",
                "--duration", "1s", "--warmup", "0s");

        assertEquals(3, run.exitCode(), run.err());
        assertTrue(run.err().contains("nothing answered at http://127.0.0.1:" + closed), run.err());
    }

    @Test
    void badOptionsAreOneLineUsageErrors() {
        CliHarness cli = new CliHarness(dir);
        String[][] bad = {
                {"load", "--rps", "0"},
                {"load", "--rps", "10", "--ramp", "1:2:1"},
                {"load", "--ramp", "10:1:1"},
                {"load", "--url", "ftp://127.0.0.1/x"},
                {"load", "--url", "http://[bad"},
                {"load", "--duration", "soon"},
                {"load", "--connections", "0"},
                {"load", "--save", "/no/such/dir/run.json"},
                {"load", "--chart", "/no/such/dir/run.html"},
                {"diagnose", "load-shedding"},
                {"diagnose", "load-shedding", "--from", "x.json", "--live"},
                {"diagnose", "load-shedding", "--from", "missing.json"},
                {"diagnose", "load-shedding", "--from", "x.json", "--p99-bound", "0s"},
                {"diagnose", "load-shedding", "--confirm", "saturation"},
                {"diagnose", "zero-events", "--from", "x.json"},
        };
        for (String[] args : bad) {
            CliHarness.Result result = cli.run(args);
            assertEquals(2, result.exitCode(), String.join(" ", args) + ": " + result.err());
            assertFalse(result.err().contains("\tat "), "no stack trace: " + result.err());
        }
    }
}
