package io.cloudscale.stack.setup;

import io.cloudscale.core.Deadline;
import io.cloudscale.core.Failures;
import io.cloudscale.probes.docker.DockerEngine;
import io.cloudscale.probes.docker.DockerHost;
import io.cloudscale.probes.docker.EngineInfo;
import io.cloudscale.probes.process.CommandRunner;
import io.cloudscale.stack.compose.ComposeCli;
import io.cloudscale.stack.compose.ComposeLocator;
import io.cloudscale.stack.images.DebianMirror;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Looks at the machine for {@link SetupPlanner}: reads files and the invocation's PATH, and asks the engine,
 * compose and the test broker, each within its own deadline and all at once, so a hanging one costs its
 * deadline and nothing more.
 */
public final class MachineSurvey {

    /** The programs setup installs or needs; the planner names the package of each. */
    static final List<String> PROGRAMS = List.of("apt-get", "systemctl", "setsid", "docker", "dockerd", "docker-compose",
            "debootstrap", "npm", "ip", "rabbitmq-server");
    private static final Duration COMPOSE_DEADLINE = Duration.ofSeconds(12);
    private static final Duration BROKER_DEADLINE = Duration.ofSeconds(2);
    /** The first bytes of an AMQP 0-9-1 client; a broker answers with a connection.start method frame (type 1). */
    private static final byte[] AMQP_HEADER = {'A', 'M', 'Q', 'P', 0, 0, 9, 1};

    private final Map<String, String> environment;
    private final DockerHost dockerHost;
    private final Path root;
    private final CommandRunner runner;

    /**
     * @param environment the invocation's environment: its PATH is where programs are looked for
     * @param root        where /etc and /run are ({@code /}; a test may give a folder of its own)
     */
    public MachineSurvey(Map<String, String> environment, DockerHost dockerHost, Path root, CommandRunner runner) {
        this.environment = Map.copyOf(environment);
        this.dockerHost = dockerHost;
        this.root = root;
        this.runner = runner;
    }

    public MachineFacts survey(SetupPurpose purpose) {
        Executables path = new Executables(environment.get("PATH"));
        Map<String, Optional<Path>> programs = new LinkedHashMap<>();
        PROGRAMS.forEach(program -> programs.put(program, path.find(program)));

        CompletableFuture<String[]> engine = CompletableFuture.supplyAsync(this::askEngine, Thread::startVirtualThread);
        CompletableFuture<Optional<String>> compose = CompletableFuture.supplyAsync(() -> locateCompose(programs), Thread::startVirtualThread);
        CompletableFuture<Boolean> broker = CompletableFuture.supplyAsync(
                () -> purpose == SetupPurpose.TESTS && amqpAnswers(TestBroker.PORT), Thread::startVirtualThread);

        String[] engineAnswer = engine.join();
        return new MachineFacts(OsRelease.read(root.resolve("etc/os-release")), isRoot(), Files.isDirectory(root.resolve("run/systemd/system")),
                Runtime.version().feature(), System.getProperty("java.home"), programs, Files.isExecutable(root.resolve("bin/busybox")),
                dockerHost.uri(), engineLocal(), engineAnswer[0] != null, engineAnswer[0] != null ? engineAnswer[0] : engineAnswer[1],
                compose.join(), DebianMirror.configured(root.resolve("etc/apt")), broker.join());
    }

    /** {answer, null} when the engine answered, {null, why not} when it did not. */
    private String[] askEngine() {
        return Deadline.within(dockerHost.deadline().multipliedBy(2), () -> {
            try (DockerEngine engine = DockerEngine.connect(dockerHost)) {
                EngineInfo info = engine.info();
                return new String[] {"Docker %s (API %s) at %s".formatted(info.version(), info.apiVersion(), dockerHost.uri()), null};
            }
        }, failure -> new String[] {null, Failures.describe(failure)});
    }

    private Optional<String> locateCompose(Map<String, Optional<Path>> programs) {
        String docker = programs.get("docker").map(Path::toString).orElse(null);
        String composeV1 = programs.get("docker-compose").map(Path::toString).orElse(null);
        if (docker == null && composeV1 == null) {
            return Optional.empty();
        }
        // a program the PATH does not have is given as a name no PATH has, so the locator finds nothing there
        ComposeLocator locator = new ComposeLocator(runner, docker != null ? docker : "/nonexistent/docker",
                composeV1 != null ? composeV1 : "/nonexistent/docker-compose");
        return Deadline.within(COMPOSE_DEADLINE, () -> locator.locate().map(MachineSurvey::describe), failure -> Optional.empty());
    }

    private static String describe(ComposeCli compose) {
        return "%s %s (%s)".formatted(String.join(" ", compose.baseCommand()), compose.version(),
                compose.flavor() == ComposeCli.Flavor.V2 ? "v2 plugin" : "v1");
    }

    private boolean engineLocal() {
        return dockerHost.uri().startsWith("unix://");
    }

    private boolean isRoot() {
        try {
            return Files.readString(Path.of("/proc/self/status")).lines()
                    .filter(line -> line.startsWith("Uid:"))
                    .map(line -> line.split("\\s+")[2])
                    .anyMatch("0"::equals);
        } catch (IOException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** True when something on the port speaks AMQP 0-9-1: a port held by another program is not the broker. */
    static boolean amqpAnswers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) BROKER_DEADLINE.toMillis());
            socket.setSoTimeout((int) BROKER_DEADLINE.toMillis());
            socket.getOutputStream().write(AMQP_HEADER);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            return in.read() == 1;
        } catch (IOException e) {
            return false;
        }
    }
}
