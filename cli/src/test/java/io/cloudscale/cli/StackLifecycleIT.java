package io.cloudscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudscale.probes.docker.DockerEngine;
import io.cloudscale.probes.docker.EngineSnapshot;
import io.cloudscale.probes.docker.RequiresDockerEngine;
import io.cloudscale.stack.lifecycle.RecentIngest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** up / status / watch / logs / down on the real engine with the offline profile, on free host ports. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackLifecycleIT {

    static final Path STACK = Path.of(System.getProperty("user.dir")).resolve("../stack").normalize();
    static final String PROJECT = "cloudscale-it-life";

    @TempDir
    Path work;

    DockerEngine engine;
    final Map<String, Integer> ports = new java.util.HashMap<>();

    @BeforeAll
    void connect() throws IOException {
        engine = RequiresDockerEngine.connect();
        for (String variable : List.of("GATEWAY_PORT", "DASHBOARD_PORT", "COSMOS_PORT", "RABBITMQ_PORT")) {
            try (ServerSocket socket = new ServerSocket(0)) {
                ports.put(variable, socket.getLocalPort());
            }
        }
    }

    @AfterAll
    void cleanUp() {
        cli(STACK, PROJECT).run("down", "--volumes");
        cli(work.resolve("broken"), PROJECT + "-broken").run("down", "--volumes");
        cli(work.resolve("unbuilt"), PROJECT + "-unbuilt").run("down", "--volumes", "--profile", "offline");
        engine.close();
    }

    CliHarness cli(Path stackDir, String project) {
        CliHarness harness = new CliHarness(work).env("DOCKER_HOST", RequiresDockerEngine.dockerHost())
                .env("CLOUDSCALE_STACK_DIR", stackDir.toString()).env("CLOUDSCALE_PROJECT", project);
        ports.forEach((name, port) -> harness.env(name, Integer.toString(port)));
        return harness;
    }

    @Test
    @Order(1)
    void aHeldPortMakesUpRefuseBeforeAnythingStarts() throws IOException {
        int gateway = ports.get("GATEWAY_PORT");
        try (ServerSocket holder = new ServerSocket()) {
            holder.bind(new InetSocketAddress("0.0.0.0", gateway));
            CliHarness.Result result = cli(STACK, PROJECT).run("up", "--profile", "offline");
            assertEquals(1, result.exitCode(), result.out() + result.err());
            assertTrue(result.out().contains("nothing started"), result.out());
            assertTrue(result.out().contains(gateway + ": "), result.out());
            assertTrue(result.out().contains("next: cloudscale ports fix " + gateway), result.out());
        }
        assertEquals(List.of(), engine.projectContainers(PROJECT), "no container was created");
    }

    @Test
    @Order(2)
    void upBringsEveryServiceToHealthyAndPrintsTheEndpoints() {
        CliHarness.Result result = cli(STACK, PROJECT).run("up", "--profile", "offline", "--build", "-o", "json");
        assertEquals(0, result.exitCode(), result.out() + result.err());
        JsonNode up = result.json().path("data");
        assertEquals(6, up.path("services").size(), up.toString());
        up.path("services").forEach(service -> assertEquals("healthy", service.path("result").asText(), service.toString()));
        assertEquals("http://localhost:" + ports.get("GATEWAY_PORT") + "/api/events", up.path("endpoints").path("gateway").asText());
        assertEquals("http://localhost:" + ports.get("DASHBOARD_PORT") + "/", up.path("endpoints").path("dashboard").asText());
        // plain progress lines on a stderr that is not a terminal
        assertTrue(result.err().contains("healthy"), result.err());
    }

    private static void awaitDrawn(java.io.ByteArrayOutputStream screen, String text) throws InterruptedException {
        assertTrue(io.cloudscale.core.Poll.until(() -> screen.toString(java.nio.charset.StandardCharsets.UTF_8).contains(text),
                Boolean::booleanValue, java.time.Duration.ofMillis(50), java.time.Duration.ofSeconds(10)).held(), "not drawn within 10 s: " + text);
    }

    @Test
    @Order(3)
    void statusWatchAndLogsSeeTheRunningPipeline() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get("GATEWAY_PORT") + "/api/events"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"it\",\"source\":\"lifecycle\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, response.statusCode(), response.body());
        }
        CliHarness.Result status = cli(STACK, PROJECT).run("status", "-o", "json");
        assertEquals(0, status.exitCode(), status.out() + status.err());
        JsonNode data = status.json().path("data");
        assertEquals("offline", data.path("profile").asText());
        assertEquals(6, data.path("services").size());
        data.path("services").forEach(row -> assertEquals("running", row.path("state").asText(), row.toString()));
        assertEquals("closed", data.path("pipeline").path("circuit").asText(), data.toString());
        assertTrue(data.path("pipeline").path("queueDepth").isNumber(), data.toString());
        // the requests just sent are in the gateway's access log over the seconds before the reading: some of them
        // (a cold stack may take longer than the span for all 20), and never more than were sent
        double ingest = data.path("pipeline").path("ingestPerSecond").asDouble();
        assertTrue(ingest > 0 && ingest <= 20.0 / RecentIngest.SPAN.toSeconds(), data.toString());

        CliHarness.Result text = cli(STACK, PROJECT).run("status");
        assertTrue(text.out().contains("event-processor") && text.out().contains("circuit     cosmos closed"), text.out());

        CliHarness.Result watch = cli(STACK, PROJECT).run("watch", "--count", "2", "--interval", "500ms");
        assertEquals(0, watch.exitCode(), watch.err());
        List<String> lines = watch.out().lines().toList();
        assertEquals(2, lines.size(), watch.out());
        assertTrue(lines.getLast().matches("\\d\\d:\\d\\d:\\d\\d ingest=\\S+ stored=\\d+ .*queue=\\d+ dlq=\\d+ circuit=closed errors=\\S+ unhealthy=0"), lines.getLast());

        liveWatchOnATerminalRedrawsAndQuitsOnQ();

        CliHarness.Result logs = cli(STACK, PROJECT).run("logs", "event-processor", "--since", "10m", "--grep", "consuming 'events'");
        assertEquals(0, logs.exitCode(), logs.err());
        assertTrue(logs.out().contains("consuming 'events' on 4 channels"), logs.out());
    }

    /** The full-screen view through JLine on a pseudo-terminal made of pipes: frames drawn, d diagnoses, q quits. */
    void liveWatchOnATerminalRedrawsAndQuitsOnQ() throws Exception {
        var keyboard = new java.io.PipedOutputStream();
        var input = new java.io.PipedInputStream(keyboard);
        var screen = new java.io.ByteArrayOutputStream();
        try (var terminal = org.jline.terminal.TerminalBuilder.builder().system(false).streams(input, screen)
                .type("xterm-256color").size(new org.jline.terminal.Size(120, 30)).build()) {
            Map<String, io.cloudscale.probes.signals.ServiceState> states = new io.cloudscale.stack.lifecycle.ProjectView(engine, PROJECT, java.time.Clock.systemUTC()).services();
            try (var tally = io.cloudscale.stack.lifecycle.GatewayStatusTally.follow(engine, states.get("gateway").containerId(), java.time.Instant.now())) {
                var watch = new io.cloudscale.stack.lifecycle.PipelineWatch(
                        io.cloudscale.stack.lifecycle.PipelineReadings.of(states, "/nginx_status", java.time.Clock.systemUTC()), tally,
                        () -> new io.cloudscale.stack.lifecycle.ProjectView(engine, PROJECT, java.time.Clock.systemUTC()).services());
                var screenDone = java.util.concurrent.CompletableFuture.runAsync(() -> {
                    try {
                        new io.cloudscale.cli.render.LiveWatchScreen(terminal, PROJECT, () -> "diagnosis: stub verdict for the screen test")
                                .run(watch, java.time.Duration.ofMillis(300), 40);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                // keys only once the screen shows what came before them: drawn, then the diagnosis shown
                awaitDrawn(screen, "cloudscale watch — " + PROJECT);
                keyboard.write('d');
                keyboard.flush();
                awaitDrawn(screen, "diagnosis: stub verdict for the screen test");
                keyboard.write('q');
                keyboard.flush();
                screenDone.get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
        String drawn = screen.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(drawn.contains("cloudscale watch — " + PROJECT), drawn);
        assertTrue(drawn.contains("circuit     cosmos CLOSED"), drawn);
        assertTrue(drawn.contains("event-processor"), drawn);
        assertTrue(drawn.contains("diagnosis: stub verdict for the screen test"), drawn);
        assertTrue(drawn.contains("\u001b["), "drawn with escape sequences, in place");
    }

    @Test
    @Order(3)
    void theZeroEventsRunbookRunsEndToEndWithItsJournalAndJUnitReport() throws Exception {
        Path journal = work.resolve("runs.jsonl");
        Path junit = work.resolve("zero-events.xml");

        CliHarness.Result result = cli(STACK, PROJECT).run("playbook", "run", "zero-events", "--set", "window=3s",
                "--journal", journal.toString(), "--junit", junit.toString(), "-o", "json");

        // nobody sends events to this stack: the runbook's diagnosis finds exactly that, and explains it
        JsonNode run = result.json().path("data");
        List<String> failed = new ArrayList<>();
        run.path("steps").forEach(step -> {
            if (step.path("outcome").asText().equals("failed")) {
                failed.add(step.path("id").asText() + ": " + step.path("detail").asText() + " " + step.path("evidence"));
            }
        });
        assertEquals(1, result.exitCode(), result.err());
        assertEquals(List.of("healthy"), failed.stream().map(line -> line.substring(0, line.indexOf(':'))).toList(), failed.toString());
        assertEquals("verdict no-clients", run.path("steps").get(0).path("detail").asText(), run.path("steps").get(0).toString());
        assertEquals(3, run.path("steps").size());
        List<String> lines = Files.readAllLines(journal);
        assertEquals(3, lines.size(), "one journal line per step");
        assertTrue(lines.stream().allMatch(line -> line.contains("\"runbook\":\"zero-events\"")));
        var xml = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        assertEquals("3", xml.getDocumentElement().getAttribute("tests"));
        assertEquals("1", xml.getDocumentElement().getAttribute("failures"));
    }

    @Test
    @Order(4)
    void downLeavesNoContainerNetworkEndpointOrBusyPort() {
        CliHarness.Result result = cli(STACK, PROJECT).run("down", "-o", "json");
        assertEquals(0, result.exitCode(), result.out() + result.err());
        JsonNode down = result.json().path("data");
        assertEquals(List.of(), List.copyOf(down.path("leftovers").findValuesAsText("leftovers")));
        assertEquals(0, down.path("leftovers").size(), down.toString());
        assertEquals(0, down.path("busyPorts").size(), down.toString());
        assertEquals(List.of(), engine.projectContainers(PROJECT));
        assertTrue(engine.client().listNetworksCmd().withFilter("label", List.of(DockerEngine.PROJECT_LABEL + "=" + PROJECT)).exec().isEmpty());
    }

    @Test
    @Order(5)
    void aServiceThatExitsDuringStartUpIsReportedWithItsLogsAndItsEndpointCleaned() throws IOException {
        Path broken = Files.createDirectories(work.resolve("broken"));
        String compose = Files.readString(STACK.resolve("compose.offline.yaml"));
        // the store dies while making its certificate, as the Cosmos emulator does
        compose = compose.replace("    hostname: cosmos\n", "    hostname: cosmos\n    command: [\"sh\", \"-c\", \"echo generating the server certificate; echo 'certificate generation failed: no entropy' >&2; exit 3\"]\n    restart: \"no\"\n");
        Files.writeString(broken.resolve("compose.offline.yaml"), compose);
        Files.copy(STACK.resolve(".env"), broken.resolve(".env"));

        CliHarness.Result result = cli(broken, PROJECT + "-broken").run("up", "--profile", "offline", "--timeout", "2m");
        assertEquals(1, result.exitCode(), result.out() + result.err());
        assertTrue(result.out().contains("cosmos failed after"), result.out());
        assertTrue(result.out().contains("exit 3"), result.out());
        assertTrue(result.out().contains("certificate generation failed: no entropy"), result.out());
        assertTrue(result.out().contains("next: cloudscale logs cosmos"), result.out());
        assertTrue(EngineSnapshot.capture(engine).staleEndpoints().stream().noneMatch(stale -> (PROJECT + "-broken").equals(stale.project())));
        CliHarness.Result down = cli(broken, PROJECT + "-broken").run("down");
        assertEquals(0, down.exitCode(), down.out() + down.err());
    }

    @Test
    @Order(6)
    void anImageTheEngineDoesNotHaveIsNamedWithHowToBuildIt() throws IOException {
        Path unbuilt = Files.createDirectories(work.resolve("unbuilt"));
        String image = "cloudscale/cosmos:not-built-here";
        String compose = Files.readString(STACK.resolve("compose.offline.yaml"));
        compose = compose.replace("image: cloudscale/cosmos:${CLOUDSCALE_TAG:-local}", "image: " + image);
        Files.writeString(unbuilt.resolve("compose.offline.yaml"), compose);
        Files.copy(STACK.resolve(".env"), unbuilt.resolve(".env"));
        assertTrue(!engine.imageExists(image), image + " is on this engine: the test needs an image it does not have");

        CliHarness.Result json = cli(unbuilt, PROJECT + "-unbuilt").run("up", "--profile", "offline", "--timeout", "1m", "-o", "json");
        assertEquals(1, json.exitCode(), json.out() + json.err());
        JsonNode up = json.json().path("data");
        assertEquals(List.of(image), strings(up.path("missingImages")), up.toString());
        JsonNode cosmos = null;
        for (JsonNode service : up.path("services")) {
            if ("cosmos".equals(service.path("service").asText())) {
                cosmos = service;
            }
        }
        assertTrue(cosmos != null && cosmos.path("detail").asText().contains(image), up.toString());

        CliHarness.Result text = cli(unbuilt, PROJECT + "-unbuilt").run("up", "--profile", "offline", "--timeout", "1m");
        assertEquals(1, text.exitCode(), text.out() + text.err());
        assertTrue(text.out().contains("not on this engine: " + image), text.out());
        assertTrue(text.out().contains("next: build them: cloudscale stack images --local"), text.out());
        assertTrue(!text.out().contains("next: cloudscale logs"), "no container to read logs from: " + text.out());
        // nothing of the project runs to tell its profile by
        CliHarness.Result down = cli(unbuilt, PROJECT + "-unbuilt").run("down", "--profile", "offline");
        assertEquals(0, down.exitCode(), down.out() + down.err());
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
