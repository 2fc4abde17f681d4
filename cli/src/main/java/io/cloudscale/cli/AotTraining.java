package io.cloudscale.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cloudscale.core.LocalHttp;
import io.cloudscale.stack.lifecycle.PipelineReadings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The launcher's AOT training runs (JEP 483/514). {@code start}: `--version` and `--help`, and no
 * more, since a JVM loads every class of its cache as it starts. {@code commands}: in one JVM, the
 * read-only command lines operators run most, so the cache holds the classes they load and not only
 * those of one command; `--version -v` runs against the configured engine and against no engine at
 * all, so the cache holds what either answer loads when an engine answers at training time; and `status`, `ports check`
 * and `doctor` run against a {@link PlayedEngine} and the stack's compose files (the folder given after {@code commands}),
 * so the cache holds what they load on a running stack whether or not an engine or the stack runs at training time.
 * Output is discarded; nothing here changes anything outside a temporary folder.
 */
public final class AotTraining {

    private AotTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path scratch = Files.createTempDirectory("cloudscale-aot-training");
        try {
            linkMain();
            if (args.length > 0 && args[0].equals("start")) {
                run(scratch, System.getenv(), "--version");
                run(scratch, System.getenv(), "--help");
                // on a terminal, picocli renders the help (HelpRequest answers only away from one)
                run(scratch, System.getenv(), true, "--help");
                return;
            }
            Path log = scratch.resolve("sample.log");
            Files.writeString(log, SAMPLE_LOG, StandardCharsets.UTF_8);
            for (String[] line : commandLines(log)) {
                run(scratch, System.getenv(), line);
            }
            readPipelineFromALocalServer();
            if (args.length > 1) {
                againstAPlayedStack(scratch, Path.of(args[1]));
            }
            Map<String, String> noEngine = new HashMap<>(System.getenv());
            noEngine.put("DOCKER_HOST", "unix://" + scratch.resolve("no-engine.sock"));
            noEngine.remove("CLOUDSCALE_DOCKER_HOST");
            run(scratch, noEngine, "--version", "-v");
            run(scratch, noEngine, "--version", "-v", "-o", "json");
        } finally {
            try (var files = Files.walk(scratch)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void againstAPlayedStack(Path scratch, Path stackDir) throws IOException {
        try (PlayedEngine engine = PlayedEngine.start(scratch.resolve("played-engine.sock"))) {
            Map<String, String> played = new HashMap<>(System.getenv());
            played.put("DOCKER_HOST", engine.dockerHost());
            played.remove("CLOUDSCALE_DOCKER_HOST");
            played.put("CLOUDSCALE_STACK_DIR", stackDir.toString());
            for (String[] line : List.of(new String[] {"status"}, new String[] {"status", "-o", "json"}, new String[] {"ports", "check"},
                    new String[] {"ports", "check", "-o", "json"}, new String[] {"doctor"}, new String[] {"doctor", "-o", "json"},
                    new String[] {"--version", "-v"})) {
                run(scratch, played, line);
            }
        }
    }

    /**
     * What Main sets up before the command runs: training calls Main.run, not main (whose exit
     * would end the training), and a class the training never links stays out of the cache.
     */
    private static void linkMain() throws IOException {
        try {
            Class.forName(Main.class.getName(), true, AotTraining.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        try (var err = new java.io.PrintStream(new RedactingOutputStream(java.io.OutputStream.nullOutputStream()), true, StandardCharsets.UTF_8)) {
            err.println("training");
        }
    }

    /**
     * What `status` and `watch` load to read the gateway's counter and the dashboard's summary, from a loopback server
     * answering as they do: the cache holds it whether or not a stack runs at training time.
     */
    private static void readPipelineFromALocalServer() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/nginx_status", exchange -> answer(exchange,
                "Active connections: 1 \nserver accepts handled requests\n 7 7 7 \nReading: 0 Writing: 1 Waiting: 0 \n"));
        server.createContext("/summary", exchange -> answer(exchange,
                "{\"storedEvents\":1,\"storedPerMinute\":0.0,\"queueDepth\":0,\"deadLettered\":0,\"circuit\":\"closed\",\"errors\":{}}"));
        server.start();
        try {
            String port = Integer.toString(server.getAddress().getPort());
            PipelineReadings.at(port, port, "/nginx_status", Clock.systemUTC()).read();
        } finally {
            server.stop(0);
            LocalHttp.shutdown();
        }
    }

    private static void answer(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static List<String[]> commandLines(Path log) {
        List<String[]> lines = new ArrayList<>(List.of(
                new String[] {"--version"},
                new String[] {"--version", "-o", "json"},
                new String[] {"--help"},
                new String[] {"--version", "-v"},
                new String[] {"--version", "-v", "-o", "json"},
                new String[] {"logs", "scan", "--file", log.toString()},
                new String[] {"logs", "scan", "--file", log.toString(), "-o", "json"},
                new String[] {"config"},
                new String[] {"config", "-o", "json"},
                new String[] {"diagnose", "--list"},
                // read-only, against the configured engine: the stack's containers when it runs, a quick exit 3 when not
                new String[] {"status"},
                new String[] {"status", "-o", "json"},
                new String[] {"ports", "check"},
                new String[] {"nosuch"}));
        for (Class<?> command : CommandTree.SUBCOMMANDS) {
            lines.add(new String[] {command.getAnnotation(picocli.CommandLine.Command.class).name(), "--help"});
        }
        return lines;
    }

    private static void run(Path directory, Map<String, String> environment, String... args) {
        run(directory, environment, false, args);
    }

    private static void run(Path directory, Map<String, String> environment, boolean terminal, String... args) {
        CliContext context = new CliContext(new BufferedReader(new StringReader("")), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), environment, directory, directory, terminal, terminal, terminal);
        Main.run(context, args);
    }

    /** One line of each signature's formats, between ordinary lines. */
    private static final String SAMPLE_LOG = """
            2024-05-01T10:00:00.000Z INFO  ingestion-api accepted event 1
            2024-05-01T10:00:01.000Z ERROR io.github.resilience4j.circuitbreaker.CallNotPermittedException: CircuitBreaker 'cosmos' is OPEN and does not permit further calls
            2024-05-01 10:00:02.123 WARN  Polly: The circuit is now open and is not allowing calls.
            2024-05-01T10:00:03.000Z ERROR javax.net.ssl.SSLHandshakeException: PKIX path building failed: unable to find valid certification path to requested target
            2024-05-01T10:00:04.000Z WARN  io.netty.channel.AbstractChannel$AnnotatedConnectException: Connection refused: cosmos/172.18.0.3:8081
            {"time_iso8601":"2024-05-01T10:00:05+00:00","remote_addr":"172.18.0.1","request":"POST /events HTTP/1.1","status": 503,"request_time":0.002}
            {"time_iso8601":"2024-05-01T10:00:05+00:00","remote_addr":"172.18.0.1","request":"POST /events HTTP/1.1","status": 202,"request_time":0.002}
            2024-05-01T10:00:06.000Z Error: connect ECONNREFUSED 127.0.0.1:8081
            2024-05-01T10:00:07.000Z Exception in thread "main" java.lang.OutOfMemoryError: Java heap space
            """;
}
