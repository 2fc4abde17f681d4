package io.cloudscale.probes.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;

/**
 * A second Docker engine beside the first, on its own socket, folders and bridge, with the
 * userland proxy off: the lsof-invisible zombie case. It gets its own bridge interface and no
 * iptables rules, so the first engine's docker0 and NAT rules are left alone. Needs root.
 */
public record SecondEngine(Path root, String bridge, Process dockerd, DockerEngine engine) implements AutoCloseable {

    public static SecondEngine startWithoutUserlandProxy() throws IOException, InterruptedException {
        Path root = Files.createTempDirectory("cs-engine-");
        String bridge = "csit" + UUID.randomUUID().toString().substring(0, 6);
        run("ip", "link", "add", bridge, "type", "bridge");
        run("ip", "addr", "add", "10.231.%d.1/24".formatted((int) (ProcessHandle.current().pid() % 200) + 10), "dev", bridge);
        run("ip", "link", "set", bridge, "up");
        String host = "unix://" + root.resolve("docker.sock");
        Process dockerd = new ProcessBuilder("dockerd", "--userland-proxy=false", "--iptables=false", "--ip-masq=false",
                "--bridge", bridge, "-H", host, "--data-root", root.resolve("data").toString(),
                "--exec-root", root.resolve("exec").toString(), "--pidfile", root.resolve("docker.pid").toString())
                .redirectErrorStream(true).redirectOutput(root.resolve("dockerd.log").toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!dockerd.isAlive()) {
                break;
            }
            try {
                return new SecondEngine(root, bridge, dockerd, DockerEngine.connect(host));
            } catch (RuntimeException notYet) {
                Thread.sleep(250);
            }
        }
        dockerd.destroy();
        deleteBridge(bridge);
        return Assertions.fail("second dockerd did not answer within 60 s; log: " + Files.readString(root.resolve("dockerd.log")));
    }

    public String host() {
        return engine.host();
    }

    public long pid() {
        return dockerd.pid();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        engine.close();
        dockerd.destroy(); // SIGTERM: dockerd stops its containers and unmounts
        if (!dockerd.waitFor(30, TimeUnit.SECONDS)) {
            dockerd.destroyForcibly();
        }
        deleteBridge(bridge);
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> paths = files.sorted(Comparator.reverseOrder()).toList();
            for (Path path : paths) {
                Files.deleteIfExists(path);
            }
        } catch (IOException ignored) {
            // a busy mount left behind under /tmp; the machine's next boot clears it
        }
    }

    private static void deleteBridge(String bridge) throws IOException, InterruptedException {
        new ProcessBuilder("ip", "link", "del", bridge).redirectErrorStream(true).start().waitFor();
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            Assertions.fail(String.join(" ", command) + " failed: " + output);
        }
    }
}
