package io.cloudscale.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudscale.probes.docker.RequiresDockerEngine;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, run as the launcher runs it, in its own process: at default verbosity stderr
 * carries only the tool's own lines, whatever the SDKs underneath log or the JVM warns about.
 */
class QuietStderrIT {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final String KEY = "c2VjcmV0LWtleS12YWx1ZS1mb3ItYS1xdWlldC10ZXN0";

    @TempDir
    Path dir;

    /** The JVM flags the launcher gives every command, read from the launcher itself. */
    private static List<String> launcherFlags() throws IOException {
        Matcher flags = Pattern.compile("(?m)^library_flags=\\(([^)]*)\\)").matcher(Files.readString(MODULE.resolve("../cloudscale")));
        assertTrue(flags.find(), "the launcher names its library flags");
        return Arrays.asList(flags.group(1).trim().split("\\s+"));
    }

    private record Run(int exit, String out, String err) {
    }

    private Run cloudscale(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(launcherFlags());
        command.addAll(List.of("-jar", MODULE.resolve("target/cloudscale-cli.jar").toString()));
        command.addAll(List.of(args));
        int refused;
        try (ServerSocket socket = new ServerSocket(0)) {
            refused = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
        builder.environment().put("DOCKER_HOST", RequiresDockerEngine.dockerHost());
        builder.environment().put("QUEUE_BACKEND", "servicebus");
        builder.environment().put("SERVICEBUS_CONNECTION_STRING",
                "Endpoint=sb://127.0.0.1;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=" + KEY + ";UseDevelopmentEmulator=true;");
        builder.environment().put("SERVICEBUS_ADMIN_PORT", String.valueOf(refused));
        builder.environment().put("COSMOS_PORT", String.valueOf(refused));
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the tool answered within a minute");
        return new Run(process.exitValue(), Files.readString(dir.resolve("out")), Files.readString(dir.resolve("err")));
    }

    @Test
    void theServiceBusProbeAgainstARefusedPortPrintsOnlyTheToolsOwnLines() throws Exception {
        RequiresDockerEngine.connect().close();
        Files.createDirectories(dir.resolve("stack"));
        Files.writeString(dir.resolve("stack/.env"), "");

        Run run = cloudscale("probe", "queue-depth", "--stack-dir", dir.resolve("stack").toString());

        for (String line : run.err().lines().toList()) {
            assertTrue(line.startsWith("cloudscale") || line.startsWith("  hint: "), "a line not the tool's own: " + line + "\n" + run.err());
        }
        assertFalse(run.err().contains("sun.misc.Unsafe"), run.err());
        assertFalse((run.out() + run.err()).contains(KEY), "the key was printed");
        assertTrue(run.out().contains("queue-depth"), run.out());
    }

    @Test
    void withVerboseTheLibrariesHaveTheirSay() throws Exception {
        RequiresDockerEngine.connect().close();
        Files.createDirectories(dir.resolve("stack"));
        Files.writeString(dir.resolve("stack/.env"), "");

        Run run = cloudscale("probe", "queue-depth", "--stack-dir", dir.resolve("stack").toString(), "-vv");

        assertTrue(run.err().lines().anyMatch(line -> !line.startsWith("cloudscale")), "-vv shows library logs:\n" + run.err());
        assertFalse((run.out() + run.err()).contains(KEY), "the key was printed in a library's log line");
    }
}
