package io.cloudscale.platform.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cloudscale.probes.docker.DockerEngine;
import io.cloudscale.probes.docker.InspectedContainer;
import io.cloudscale.probes.docker.ListedContainer;
import io.cloudscale.probes.process.CommandRunner;
import io.cloudscale.stack.compose.ComposeCli;
import io.cloudscale.stack.compose.ComposeLocator;
import io.cloudscale.stack.images.ImageOutcome;
import io.cloudscale.stack.images.StackImages;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The offline profile run for real: images built with the tool's own local builder, the stack started
 * with the compose file exactly as an operator would (own project name, free host ports).
 */
final class OfflineStack implements AutoCloseable {

    static final Path STACK_DIR = Path.of(System.getProperty("user.dir")).resolve("..").normalize();
    static final List<String> SERVICES = List.of("gateway", "rabbitmq", "cosmos", "ingestion-api", "event-processor", "dashboard");

    final DockerEngine engine;
    final String project;
    final ComposeCli compose;
    final Map<String, Integer> ports = new HashMap<>();

    private OfflineStack(DockerEngine engine, String project) throws IOException {
        this.engine = engine;
        this.project = project;
        this.compose = new ComposeLocator(new CommandRunner()).locate()
                .orElseThrow(() -> new AssertionError("no docker compose / docker-compose on this machine (.ci/run installs it)"));
        for (String variable : List.of("GATEWAY_PORT", "DASHBOARD_PORT", "COSMOS_PORT", "RABBITMQ_PORT")) {
            ports.put(variable, freePort());
        }
    }

    static OfflineStack start(DockerEngine engine, String project) throws Exception {
        List<ImageOutcome> images = StackImages.inUserCache(engine, STACK_DIR, Path.of(System.getProperty("user.home"))).build(true, false, java.util.Set.of(), new io.cloudscale.stack.images.BuildProgress() {
                    @Override
                    public void stage(io.cloudscale.stack.images.ImageRecipe image, String stage) {
                        System.err.println("[images] " + image.name() + ": " + stage);
                    }

                    @Override
                    public void finished(ImageOutcome outcome) {
                        System.err.println("[images] " + outcome);
                    }
                });
        assertTrue(images.stream().allMatch(ImageOutcome::ok), "image build failed: " + images);
        OfflineStack stack = new OfflineStack(engine, project);
        stack.compose("down", "-v", "--remove-orphans");
        stack.compose("up", "-d");
        stack.awaitHealthy(Duration.ofMinutes(3));
        return stack;
    }

    int port(String variable) {
        return ports.get(variable);
    }

    String compose(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(compose.baseCommand());
        command.addAll(List.of("-p", project, "-f", STACK_DIR.resolve("compose.offline.yaml").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        ports.forEach((name, port) -> builder.environment().put(name, Integer.toString(port)));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            fail(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }

    Map<String, String> health() {
        Map<String, String> health = new HashMap<>();
        for (InspectedContainer inspected : engine.inspectAll(engine.projectContainers(project).stream().map(ListedContainer::id).toList())) {
            String service = inspected.labels().get(DockerEngine.SERVICE_LABEL);
            health.put(service, inspected.health() == null ? inspected.status() : inspected.status() + "/" + inspected.health());
        }
        return health;
    }

    void awaitHealthy(Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        Map<String, String> health = Map.of();
        while (System.nanoTime() < deadline) {
            health = health();
            if (health.keySet().containsAll(SERVICES) && health.values().stream().allMatch("running/healthy"::equals)) {
                return;
            }
            Thread.sleep(1000);
        }
        fail("stack not healthy within " + within + ": " + health + "\n" + logs());
    }

    String logs() throws IOException, InterruptedException {
        return compose("logs", "--no-color", "--tail=30");
    }

    String logs(String service) throws IOException, InterruptedException {
        return compose("logs", "--no-color", service);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        compose("down", "-v", "--remove-orphans", "-t", "10");
    }

    @Override
    public String toString() {
        return project + " " + ports.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
