package io.cloudscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import io.cloudscale.probes.docker.DockerEngine;
import io.cloudscale.probes.docker.RequiresDockerEngine;
import io.cloudscale.probes.docker.SecondEngine;
import io.cloudscale.probes.docker.TinyImage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `ports check` and `ports fix` against real engines, real containers and real sockets. */
class PortsCommandIT {

    private static final String IMAGE = "cloudscale-it/busybox:latest";
    private static DockerEngine engine;

    @TempDir
    Path dir;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String project = "cs-it-" + suffix;
    private final List<String> containers = new ArrayList<>();
    private Path stack;
    private int port;

    @BeforeAll
    static void connect() throws IOException {
        engine = RequiresDockerEngine.connect();
        TinyImage.loadBusybox(engine, IMAGE);
    }

    @BeforeEach
    void stackPublishingAFreePort() throws IOException {
        port = freePort();
        stack = Files.createDirectories(dir.resolve("stack"));
        Files.writeString(stack.resolve("docker-compose.yml"), """
                services:
                  cosmos:
                    image: %s
                    command: ["/bin/busybox", "sleep", "600"]
                    ports:
                      - "${COSMOS_PORT:-%d}:8081"
                """.formatted(IMAGE, port));
    }

    @AfterEach
    void removeContainers() {
        for (String id : containers) {
            try {
                engine.client().removeContainerCmd(id).withForce(true).exec();
            } catch (RuntimeException alreadyGone) {
                // removed by the fix under test
            }
        }
    }

    private CliHarness cli() {
        return new CliHarness(dir).env("DOCKER_HOST", RequiresDockerEngine.dockerHost());
    }

    private CliHarness.Result ports(String... args) {
        List<String> all = new ArrayList<>(List.of("-p", project, "--stack-dir", stack.toString(), "-o", "json", "ports"));
        all.addAll(List.of(args));
        return cli().run(all.toArray(String[]::new));
    }

    private String run(DockerEngine on, String name, Map<String, String> labels, RestartPolicy restart, String... command) {
        Ports bindings = new Ports();
        bindings.bind(ExposedPort.tcp(8081), Ports.Binding.bindPort(port));
        String id = on.client().createContainerCmd(IMAGE).withName(name).withLabels(labels).withCmd(command)
                .withExposedPorts(ExposedPort.tcp(8081))
                .withHostConfig(HostConfig.newHostConfig().withPortBindings(bindings).withRestartPolicy(restart).withInit(true))
                .exec().getId();
        if (on == engine) {
            containers.add(id);
        }
        on.client().startContainerCmd(id).exec();
        return id;
    }

    private static Map<String, String> compose(String project, String service) {
        return Map.of(DockerEngine.PROJECT_LABEL, project, DockerEngine.SERVICE_LABEL, service, DockerEngine.ONEOFF_LABEL, "False");
    }

    private static List<JsonNode> holders(JsonNode report, int port) {
        for (JsonNode finding : report.at("/data/ports")) {
            if (finding.get("port").asInt() == port) {
                return StreamSupport.stream(finding.get("holders").spliterator(), false).toList();
            }
        }
        throw new AssertionError("no finding for " + port + " in " + report);
    }

    private static JsonNode holder(List<JsonNode> holders, String kind) {
        return holders.stream().filter(holder -> holder.get("kind").asText().equals(kind)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " holder in " + holders));
    }

    @Test
    void anotherProjectsContainerIsNamedWithItsProxy() {
        String name = "other-api-" + suffix;
        run(engine, name, compose("billing-" + suffix, "api"), RestartPolicy.noRestart(), "/bin/busybox", "sleep", "600");

        CliHarness.Result result = ports("check", Integer.toString(port));

        assertEquals(1, result.exitCode(), result.err());
        List<JsonNode> holders = holders(result.json(), port);
        JsonNode container = holder(holders, "container");
        assertEquals(name, container.get("name").asText());
        assertEquals("billing-" + suffix, container.get("project").asText());
        assertEquals("api", container.get("service").asText());
        assertEquals("running", container.get("state").asText());
        JsonNode proxy = holder(holders, "docker-proxy");
        assertEquals(name, proxy.get("container").asText(), "the proxy is mapped back to its container");
    }

    @Test
    void dryRunAndNoTerminalChangeNothing() throws IOException {
        String name = "other-api-" + suffix;
        run(engine, name, compose("billing-" + suffix, "api"), RestartPolicy.noRestart(), "/bin/busybox", "sleep", "600");

        CliHarness.Result dryRun = ports("fix", Integer.toString(port), "--dry-run");
        CliHarness.Result noTty = ports("fix", Integer.toString(port));

        assertEquals(1, dryRun.exitCode(), dryRun.err());
        assertEquals("remap-port", dryRun.json().at("/data/plan/steps/0/kind").asText());
        assertEquals(1, noTty.exitCode());
        assertTrue(noTty.err().contains("stdin is not a terminal"), noTty.err());
        assertFalse(Files.exists(stack.resolve(".env")), "no remap written");
        assertFalse(Files.exists(dir.resolve("home/.cloudscale/journal.jsonl")), "nothing journalled: nothing done");
        assertEquals("running", engine.client().inspectContainerCmd(name).exec().getState().getStatus());
    }

    @Test
    void fixRemapsTheStackAndComposeWouldPublishTheNewPort() throws IOException {
        String name = "other-api-" + suffix;
        run(engine, name, compose("billing-" + suffix, "api"), RestartPolicy.noRestart(), "/bin/busybox", "sleep", "600");

        CliHarness.Result result = ports("fix", Integer.toString(port), "--yes");

        assertEquals(0, result.exitCode(), result.out() + result.err());
        JsonNode data = result.json().get("data");
        assertTrue(data.get("verified").asBoolean());
        String env = Files.readString(stack.resolve(".env"));
        int newPort = Integer.parseInt(env.strip().replace("COSMOS_PORT=", ""));
        assertTrue(newPort != port, env);
        assertEquals("running", engine.client().inspectContainerCmd(name).exec().getState().getStatus(), "the other project is untouched");
        List<String> journal = Files.readAllLines(dir.resolve("home/.cloudscale/journal.jsonl"));
        // the repair's intent, the step's intent and result, and the verification that closes the repair
        assertEquals(4, journal.size(), journal.toString());
        assertTrue(journal.get(0).contains("\"phase\":\"begin\"") && journal.get(0).contains("\"action\":\"repair\""), journal.get(0));
        assertTrue(journal.get(1).contains("\"phase\":\"begin\"") && journal.get(1).contains("\"action\":\"remap-port\""), journal.get(1));
        assertTrue(journal.get(2).contains("\"phase\":\"end\"") && journal.get(2).contains("\"action\":\"remap-port\"")
                && journal.get(2).contains("\"ok\":true"), journal.get(2));
        assertTrue(journal.get(3).contains("\"action\":\"verify\"") && journal.get(3).contains("\"ok\":true"), journal.get(3));
        assertTrue(composeConfig().contains("published: " + newPort) || composeConfig().contains(newPort + ":8081"),
                "compose renders the stack with the new host port:\n" + composeConfig());
    }

    private String composeConfig() throws IOException {
        try {
            Process process = new ProcessBuilder("docker-compose", "-f", stack.resolve("docker-compose.yml").toString(), "config")
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            process.waitFor();
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Test
    void forceStopsAnotherProjectsContainerAndNeverRemovesIt() throws IOException {
        String name = "other-api-" + suffix;
        run(engine, name, compose("billing-" + suffix, "api"), RestartPolicy.noRestart(), "/bin/busybox", "sleep", "600");

        CliHarness.Result result = ports("fix", Integer.toString(port), "--yes", "--force");

        assertEquals(0, result.exitCode(), result.out() + result.err());
        assertEquals("stop-container", result.json().at("/data/plan/steps/0/kind").asText());
        assertEquals("exited", engine.client().inspectContainerCmd(name).exec().getState().getStatus());
        assertFalse(Files.exists(stack.resolve(".env")), "stopping cleared it: no remap needed");
        assertEquals("FREE", result.json().at("/data/after/ports/0/state").asText());
    }

    @Test
    void aRestartingContainerOfThisStackHoldsThePortAndIsRemoved() throws Exception {
        String name = project + "-cosmos-1";
        run(engine, name, compose(project, "cosmos"), RestartPolicy.alwaysRestart(), "/bin/busybox", "false");
        // the engine backs off 100 ms, 200 ms, 400 ms, ... between restarts: after five, the container
        // spends seconds at a time in `restarting`, the state an operator meets it in
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            var state = engine.client().inspectContainerCmd(name).exec();
            if (state.getRestartCount() >= 5 && "restarting".equals(state.getState().getStatus())) {
                break;
            }
            Thread.sleep(50);
        }

        CliHarness.Result check = ports("check", Integer.toString(port));
        CliHarness.Result fix = ports("fix", Integer.toString(port), "--yes");

        assertEquals(1, check.exitCode(), check.out());
        JsonNode container = holder(holders(check.json(), port), "container");
        assertEquals(name, container.get("name").asText());
        assertTrue(container.get("restartCount").asInt() >= 5, container.toString());
        assertEquals("restarting", container.get("state").asText());
        assertTrue(container.get("active").asBoolean());
        assertEquals(0, fix.exitCode(), fix.out() + fix.err());
        assertEquals("remove-container", fix.json().at("/data/plan/steps/0/kind").asText());
        assertTrue(engine.client().listContainersCmd().withShowAll(true).withNameFilter(List.of(name)).exec().isEmpty());
    }

    @Test
    void aHostProcessIsNamedByPidCommandAndUser() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));

            CliHarness.Result result = ports("check", Integer.toString(port));

            assertEquals(1, result.exitCode());
            JsonNode process = holder(holders(result.json(), port), "host-process");
            assertEquals(ProcessHandle.current().pid(), process.get("pid").asLong());
            assertTrue(process.get("command").asText().contains("java"), process.toString());
            assertEquals(System.getProperty("user.name"), process.get("user").asText());
        }
    }

    @Test
    void withTheUserlandProxyOffOnlyTheEngineApiNamesTheContainer() throws Exception {
        try (SecondEngine second = SecondEngine.startWithoutUserlandProxy()) {
            TinyImage.loadBusybox(second.engine(), IMAGE);
            run(second.engine(), "zombie-" + suffix, compose("billing-" + suffix, "api"), RestartPolicy.noRestart(),
                    "/bin/busybox", "sleep", "600");

            CliHarness.Result result = new CliHarness(dir).env("DOCKER_HOST", second.host())
                    .run("-p", project, "--stack-dir", stack.toString(), "-o", "json", "ports", "check", Integer.toString(port));

            assertEquals(1, result.exitCode(), result.err());
            List<JsonNode> holders = holders(result.json(), port);
            assertEquals("zombie-" + suffix, holder(holders, "container").get("name").asText());
            assertEquals(second.pid(), holder(holders, "engine-socket").get("pid").asLong(), "dockerd itself owns the socket");
            assertTrue(holders.stream().noneMatch(holder -> holder.get("kind").asText().equals("docker-proxy")));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
