package io.cloudscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.cloudscale.core.Poll;
import io.cloudscale.probes.docker.ContainerLogs;
import io.cloudscale.probes.docker.DockerEngine;
import io.cloudscale.probes.docker.RequiresDockerEngine;
import io.cloudscale.probes.docker.TinyImage;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three branches of the platform's tree, reproduced with real containers of a compose project
 * and a real RabbitMQ: a gateway (busybox httpd with a CGI that keeps nginx's stub_status counters: one appended
 * byte per request, so concurrent requests never lose a count),
 * a processor that prints Resilience4j's OPEN line after a PKIX failure, an API that logs shed
 * requests. Stand-ins for the platform's services, which arrive with the platform stack.
 */
class DiagnoseZeroEventsIT {

    private static final String IMAGE = "cloudscale-it/gateway:latest";
    private static final String STUB_STATUS_CGI = """
            #!/bin/busybox sh
            echo -n . >> /www/hits; n=$(/bin/busybox wc -c < /www/hits)
            printf 'Content-Type: text/plain\\r\\n\\r\\n'
            printf 'Active connections: 1 \\nserver accepts handled requests\\n %d %d %d \\nReading: 0 Writing: 1 Waiting: 0 \\n' $n $n $n
            """;
    /** An ingest endpoint: counted like any request, answered {@code status}, and logged on stderr as the gateway's JSON access log line. */
    private static final String INGEST_CGI = """
            #!/bin/busybox sh
            echo -n . >> /www/hits
            echo '{"time":"2026-11-26T06:41:56+00:00","method":"POST","uri":"/api/events","status":%1$d}' >&2
            printf 'Status: %1$d\\r\\nContent-Type: application/json\\r\\n\\r\\n{}'
            """;

    @TempDir
    Path dir;

    /** The ingestion API's own words when it sheds, as IngestionApi logs them through slf4j-simple. */
    private static final String SHED_LINE = "2026-11-26T06:41:56.001Z WARN IngestionApi - shed status=503 client=shop reason=\\\"in-flight sends at the limit of 256\\\"";

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String project = "cs-rca-" + suffix;
    private final String queue = "events-" + suffix;
    private final List<String> containers = new ArrayList<>();
    private final Map<String, String> ids = new java.util.HashMap<>();
    private DockerEngine engine;
    private Connection rabbit;
    private Channel channel;
    private int gatewayPort;
    private javax.net.ssl.SSLServerSocket store;

    @BeforeEach
    void platform() throws Exception {
        engine = RequiresDockerEngine.connect();
        byte[] busybox = Files.readAllBytes(TinyImage.BUSYBOX);
        byte[] cgi = STUB_STATUS_CGI.getBytes(StandardCharsets.US_ASCII);
        TinyImage.load(engine, IMAGE, new TinyImage.File("bin/busybox", busybox, 0755),
                new TinyImage.File("www/cgi-bin/nginx_status", cgi, 0755),
                new TinyImage.File("www/cgi-bin/event", INGEST_CGI.formatted(202).getBytes(StandardCharsets.US_ASCII), 0755),
                new TinyImage.File("www/cgi-bin/shed", INGEST_CGI.formatted(503).getBytes(StandardCharsets.US_ASCII), 0755));
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(RabbitEndpoint.URI_);
        rabbit = factory.newConnection();
        channel = rabbit.createChannel();
        channel.queueDeclare(queue + ".dlq", false, false, true, null);
        channel.queueDeclare(queue, false, false, true, null);
        try (ServerSocket socket = new ServerSocket(0)) {
            gatewayPort = socket.getLocalPort();
        }
        store = selfSignedStore();
        Files.writeString(dir.resolve(".env"), """
                GATEWAY_PORT=%d
                GATEWAY_STATUS_PATH=/cgi-bin/nginx_status
                QUEUE_BACKEND=rabbitmq
                RABBITMQ_PORT=%d
                QUEUE_NAME=%s
                COSMOS_PORT=%d
                """.formatted(gatewayPort, RabbitEndpoint.URI_.getPort(), queue, store.getLocalPort()));
    }

    /**
     * The store's endpoint as the emulator's is: a TLS server with a self-signed certificate (keytool's), which the
     * tool reaches and does not trust. Each connection gets its handshake, then is closed.
     */
    private javax.net.ssl.SSLServerSocket selfSignedStore() throws Exception {
        java.nio.file.Path keystore = dir.resolve("store.p12");
        Process keytool = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "cosmos", "-keyalg", "EC", "-dname", "CN=cosmos", "-validity", "2",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit").redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool could not make the store's certificate");
        }
        java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            keys.load(in, "changeit".toCharArray());
        }
        javax.net.ssl.KeyManagerFactory managers = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, "changeit".toCharArray());
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);
        javax.net.ssl.SSLServerSocket server = (javax.net.ssl.SSLServerSocket) tls.getServerSocketFactory()
                .createServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try (javax.net.ssl.SSLSocket client = (javax.net.ssl.SSLSocket) server.accept()) {
                    client.setSoTimeout(2000);
                    client.startHandshake();
                } catch (java.io.IOException e) {
                    // a client that gave up, or the server closed: the next one
                }
            }
        });
        return server;
    }

    @AfterEach
    void teardown() throws Exception {
        if (store != null) {
            store.close();
        }
        for (String id : containers) {
            engine.client().removeContainerCmd(id).withForce(true).exec();
        }
        if (rabbit != null) {
            channel.queueDelete(queue);
            channel.queueDelete(queue + ".dlq");
            rabbit.close();
        }
        engine.close();
    }

    private void service(String service, boolean start, String... command) {
        var create = engine.client().createContainerCmd(IMAGE).withName(project + "-" + service + "-1")
                .withLabels(Map.of(DockerEngine.PROJECT_LABEL, project, DockerEngine.SERVICE_LABEL, service, DockerEngine.ONEOFF_LABEL, "False"))
                .withCmd(command);
        if (service.equals("gateway")) {
            Ports ports = new Ports();
            ports.bind(ExposedPort.tcp(80), Ports.Binding.bindPort(gatewayPort));
            create.withExposedPorts(ExposedPort.tcp(80)).withHostConfig(HostConfig.newHostConfig().withPortBindings(ports));
        }
        String id = create.exec().getId();
        containers.add(id);
        ids.put(service, id);
        if (start) {
            engine.client().startContainerCmd(id).exec();
        }
    }

    private void stack(boolean gatewayUp, String processorLog, String apiLog) {
        service("gateway", gatewayUp, "/bin/busybox", "httpd", "-f", "-p", "80", "-h", "/www");
        service("event-processor", true, "/bin/busybox", "sh", "-c", "echo \"" + processorLog + "\"; exec /bin/busybox sleep 600");
        service("ingestion-api", true, "/bin/busybox", "sh", "-c", "echo \"" + apiLog + "\"; exec /bin/busybox sleep 600");
        service("cosmos", true, "/bin/busybox", "sleep", "600");
    }

    /** Clients posting events through the gateway and the API publishing them, while the diagnosis watches. */
    private Thread traffic(boolean publish) {
        return traffic(publish, "event");
    }

    /** Clients posting through the gateway, answered as the CGI {@code endpoint} answers (event: 202, shed: 503). */
    private Thread traffic(boolean publish, String endpoint) {
        return Thread.ofVirtual().start(() -> {
            HttpClient http = HttpClient.newHttpClient();
            try (Channel publisher = rabbit.createChannel()) {
                for (int i = 0; i < 40; i++) {
                    http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + "/cgi-bin/" + endpoint)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (publish) {
                        publisher.basicPublish("", queue, null, ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
                    }
                    Thread.sleep(50);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private CliHarness.Result diagnose() {
        return new CliHarness(dir).env("DOCKER_HOST", RequiresDockerEngine.dockerHost())
                .run("-p", project, "--stack-dir", dir.toString(), "diagnose", "zero-events", "--window", "2s", "-o", "json");
    }

    /** The operator's view of the same stack, printed into the CI log. */
    private void printText(String branch) {
        CliHarness.Result text = new CliHarness(dir).env("DOCKER_HOST", RequiresDockerEngine.dockerHost()).env("NO_COLOR", "1")
                .run("-p", project, "--stack-dir", dir.toString(), "diagnose", "zero-events", "--window", "2s");
        System.out.println("---- diagnose zero-events: " + branch + " (exit " + text.exitCode() + ") ----\n" + text.out());
    }

    private static List<String> path(JsonNode diagnosis) {
        List<String> steps = new ArrayList<>();
        diagnosis.at("/data/path").forEach(step -> steps.add(step.get("question").asText() + "=" + step.get("answer").asText()));
        return steps;
    }

    @Test
    void noTrafficAtIngestBecauseTheGatewayIsDown() throws Exception {
        stack(false, "started", "started");
        waitForLogs();

        CliHarness.Result result = diagnose();

        assertEquals(1, result.exitCode(), result.err());
        JsonNode diagnosis = result.json();
        assertEquals("gateway-down", diagnosis.at("/data/verdict/cause").asText(), result.out());
        assertEquals(List.of("traffic=NO", "gateway-running=NO"), path(diagnosis));
        printText("no traffic at ingest");
    }

    @Test
    void growingQueueBecauseTheProcessorsCircuitIsOpenOnAnUntrustedCertificate() throws Exception {
        stack(true, "javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: "
                + "unable to find valid certification path to requested target\n"
                + "2026-11-26T06:41:52.414+00:00[Etc/UTC]: CircuitBreaker 'cosmos' changed state from CLOSED to OPEN", "started");
        waitForLogs();
        Thread clients = traffic(true);

        CliHarness.Result result = diagnose();
        clients.join();

        assertEquals(1, result.exitCode(), result.err());
        JsonNode diagnosis = result.json();
        assertEquals("cosmos-cert-untrusted", diagnosis.at("/data/verdict/cause").asText(), result.out());
        assertEquals(List.of("traffic=YES", "broker-running=YES", "broker-answers=YES", "queue-growing=YES", "processor-running=YES", "store-running=YES", "store-answers=YES", "circuit-open=YES", "tls-untrusted=YES"), path(diagnosis));
        assertTrue(diagnosis.at("/data/verdict/fix/0").asText().contains("keytool -importcert"));
        clients = traffic(true);
        printText("queue growing");
        clients.join();
    }

    @Test
    void flatQueueBecauseTheApiSheds() throws Exception {
        stack(true, "consuming", SHED_LINE);
        waitForLogs();
        Thread clients = traffic(false, "shed");

        CliHarness.Result result = diagnose();
        clients.join();

        assertEquals(1, result.exitCode(), result.err());
        JsonNode diagnosis = result.json();
        assertEquals("api-shedding", diagnosis.at("/data/verdict/cause").asText(), result.out());
        assertEquals(List.of("traffic=YES", "broker-running=YES", "broker-answers=YES", "queue-growing=NO", "dead-letters=NO", "api-running=YES", "gateway-5xx=NO", "api-rejecting=YES"), path(diagnosis));
    }

    @Test
    void aConfirmedOutcomeMovesItsChecksForward() throws Exception {
        stack(true, "consuming", SHED_LINE);
        waitForLogs();
        CliHarness cli = new CliHarness(dir).env("DOCKER_HOST", RequiresDockerEngine.dockerHost()).env("NO_COLOR", "1");
        String[] explain = {"-p", project, "--stack-dir", dir.toString(), "diagnose", "zero-events", "--window", "2s", "--explain"};

        Thread clients = traffic(false, "shed");
        CliHarness.Result before = cli.run(explain);
        clients.join();
        for (int i = 0; i < 5; i++) {
            assertEquals(0, cli.run("diagnose", "--confirm", "api-shedding").exitCode());
        }
        clients = traffic(false, "shed");
        CliHarness.Result after = cli.run(explain);
        clients.join();

        System.out.println("---- diagnose --explain, no history ----\n" + before.out());
        System.out.println("---- diagnose --explain, after 5 x --confirm api-shedding ----\n" + after.out());
        // shedding's path asks the queue; the processor's logs belong to causes the history now makes less likely
        assertTrue(need(after.out(), "queue-depth") > need(before.out(), "queue-depth"), after.out());
        assertTrue(need(after.out(), "event-processor-logs") < need(before.out(), "event-processor-logs"), after.out());
        assertTrue(after.out().contains("verdict: api-shedding"), after.out());
    }

    /** A probe's need (the chance the walk asks it) in the --explain schedule. */
    private static double need(String explained, String probe) {
        return explained.lines().filter(line -> line.matches("\\s+\\d+\\. " + probe + " .*need.*")).findFirst()
                .map(line -> Double.parseDouble(line.replaceAll(".*need\\s+([\\d.]+)%.*", "$1")))
                .orElseThrow(() -> new AssertionError(probe + " not in the schedule:\n" + explained));
    }

    /** Until the services that print at start (the processor and the API) have their first line in the engine's log. */
    private void waitForLogs() throws InterruptedException {
        for (String service : List.of("event-processor", "ingestion-api")) {
            String id = ids.get(service);
            Poll.Result<Boolean> printed = Poll.until(() -> {
                List<String> lines = new ArrayList<>();
                new ContainerLogs(engine).read(id, java.time.Instant.EPOCH, 10, Duration.ofSeconds(5), lines::add);
                return !lines.isEmpty();
            }, Boolean::booleanValue, Duration.ofMillis(50), Duration.ofSeconds(15));
            assertTrue(printed.held(), service + " printed nothing within 15 s");
        }
    }

    /** The broker `cloudscale setup --for tests` starts; same override as RabbitQueueIT. */
    static final class RabbitEndpoint {
        static final URI URI_ = URI.create(System.getenv().getOrDefault("CLOUDSCALE_IT_AMQP", "amqp://guest:guest@127.0.0.1:5673"));
    }
}
