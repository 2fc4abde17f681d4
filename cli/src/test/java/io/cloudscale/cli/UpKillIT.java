package io.cloudscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudscale.core.json.Json;
import io.cloudscale.probes.docker.DockerEngine;
import io.cloudscale.probes.docker.RequiresDockerEngine;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * `up` SIGKILLed inside each of its steps in turn, caught there by a proxy in front of the real engine that
 * holds one request: while compose creates the containers, and while up force-disconnects the endpoint a
 * service that died during start-up left behind (its journalled repair). After each kill the journal is whole
 * JSON lines naming the step in flight, the next `ports fix` reports the unfinished repair and settles it, and
 * everything the run created carries the project's label.
 */
class UpKillIT {

    static final Path STACK = Path.of(System.getProperty("user.dir")).resolve("../stack").normalize();
    static final Path JAR = Path.of(System.getProperty("user.dir")).resolve("target/cloudscale-cli.jar");

    @TempDir
    Path work;

    private final String project = "cs-upkill-" + UUID.randomUUID().toString().substring(0, 8);
    private DockerEngine engine;
    private Path broken;
    private final List<String> ports = new ArrayList<>();

    @BeforeEach
    void brokenStack() throws IOException {
        engine = RequiresDockerEngine.connect();
        broken = Files.createDirectories(work.resolve("stack"));
        String compose = Files.readString(STACK.resolve("compose.offline.yaml"));
        // the store dies while making its certificate, as the Cosmos emulator does: up cleans the endpoint it left
        compose = compose.replace("    hostname: cosmos\n", "    hostname: cosmos\n    command: [\"sh\", \"-c\", \"echo 'certificate generation failed' >&2; exit 3\"]\n    restart: \"no\"\n");
        Files.writeString(broken.resolve("compose.offline.yaml"), compose);
        Files.copy(STACK.resolve(".env"), broken.resolve(".env"));
        for (String variable : List.of("GATEWAY_PORT", "DASHBOARD_PORT", "COSMOS_PORT", "RABBITMQ_PORT")) {
            try (ServerSocket socket = new ServerSocket(0)) {
                ports.add(variable + "=" + socket.getLocalPort());
            }
        }
    }

    @AfterEach
    void down() throws Exception {
        run(RequiresDockerEngine.dockerHost(), "down", "--volumes").waitFor(2, TimeUnit.MINUTES);
        engine.close();
    }

    private Process run(String dockerHost, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + work.resolve("home"), "-jar", JAR.toString(), "--stack-dir", broken.toString(), "-p", project));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("out.log").toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(work.resolve("err.log").toFile()));
        builder.environment().put("DOCKER_HOST", dockerHost);
        for (String port : ports) {
            builder.environment().put(port.substring(0, port.indexOf('=')), port.substring(port.indexOf('=') + 1));
        }
        return builder.start();
    }

    /** SIGKILL the tool and whatever it started (compose), as a kill of its process group would. */
    private static void killTree(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    }

    @ParameterizedTest(name = "killed while {0}")
    @ValueSource(strings = {"compose creates the containers", "up disconnects the dead service's endpoint"})
    void aKilledUpLeavesAWholeJournalAndTheNextRunSettlesIt(String step) throws Exception {
        Pattern stallAt = step.startsWith("compose")
                ? Pattern.compile("POST /v[\\d.]+/containers/create\\S* HTTP/1.1")
                // the tool's own disconnect, not the one compose v1 makes while it sets a new container's aliases
                : Pattern.compile("(?s)POST (?:/v[\\d.]+)?/networks/[^/ ]+/disconnect HTTP/1\\.1\r\n(?:(?!docker-compose)(?!\r\n\r\n).)*\r\n\r\n");
        Path journal = work.resolve("home/.cloudscale/journal.jsonl");
        try (StallingEngineProxy proxy = new StallingEngineProxy(work.resolve("proxy.sock"),
                Path.of(URI.create(RequiresDockerEngine.dockerHost()).getPath()), stallAt)) {
            Process up = run(proxy.host(), "up", "--profile", "offline", "--timeout", "2m");
            String held;
            try {
                held = proxy.stalled().get(4, TimeUnit.MINUTES);
            } catch (java.util.concurrent.TimeoutException e) {
                killTree(up);
                throw new AssertionError("up never made the call to hold:\n" + Files.readString(work.resolve("out.log"))
                        + Files.readString(work.resolve("err.log")));
            }
            killTree(up);
            assertTrue(held.startsWith("POST"), held);
        }

        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.exists(journal) ? Files.readAllLines(journal) : List.<String>of()) {
            lines.add(Json.mapper().readTree(line)); // every line whole JSON, whatever the moment of the kill
        }
        Process fix = run(RequiresDockerEngine.dockerHost(), "ports", "fix", "--yes");
        assertTrue(fix.waitFor(2, TimeUnit.MINUTES));
        String err = Files.readString(work.resolve("err.log"));
        if (step.startsWith("compose")) {
            assertTrue(lines.isEmpty(), "nothing was repaired yet: " + lines);
        } else {
            JsonNode inFlight = lines.getLast();
            assertEquals("begin", inFlight.path("phase").asText(), inFlight.toString());
            assertEquals("disconnect-endpoint", inFlight.path("action").asText(), inFlight.toString());
            assertTrue(err.contains("unfinished repair") && err.contains("of `up`") && err.contains("disconnect-endpoint"),
                    "the next run reports what the kill left in flight:\n" + err);
            List<String> after = Files.readAllLines(journal);
            assertTrue(after.size() > lines.size() && Json.mapper().readTree(after.getLast()) != null, "and settles it in the journal");
        }
        for (var container : engine.client().listContainersCmd().withShowAll(true).exec()) {
            if (List.of(container.getNames()).stream().anyMatch(name -> name.contains(project))) {
                assertEquals(project, container.getLabels().get(DockerEngine.PROJECT_LABEL), "labelled: " + List.of(container.getNames()));
            }
        }
        assertTrue(engine.client().listNetworksCmd().exec().stream().filter(network -> network.getName().contains(project))
                .allMatch(network -> project.equals(network.getLabels().get(DockerEngine.PROJECT_LABEL))), "networks labelled");
    }
}
