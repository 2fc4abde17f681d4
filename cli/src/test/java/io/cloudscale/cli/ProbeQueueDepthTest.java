package io.cloudscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `probe queue-depth` against a loopback server that answers as the Service Bus management API does, but
 * with a QueueDescription that lacks its counts: one line naming endpoint and queue, exit 1 (reachable,
 * bad answer), never a NullPointerException with exit 3. Settings that would put the SAS token on plain
 * HTTP, or that cannot be read, are usage errors (exit 2) before any request.
 */
class ProbeQueueDepthTest {

    private static final String EMULATOR = "Endpoint=sb://127.0.0.1;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;";

    /** A real answer's shape (entry, content, QueueDescription) without MessageCount and CountDetails. */
    private static final String WITHOUT_COUNTS = """
            <entry xmlns="http://www.w3.org/2005/Atom">
              <title type="text">events</title>
              <content type="application/xml">
                <QueueDescription xmlns="http://schemas.microsoft.com/netservices/2010/10/servicebus/connect" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
                  <LockDuration>PT1M</LockDuration>
                  <MaxDeliveryCount>5</MaxDeliveryCount>
                  <SizeInBytes>0</SizeInBytes>
                  <Status>Active</Status>
                </QueueDescription>
              </content>
            </entry>
            """;

    @TempDir
    Path dir;
    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI() + " Authorization=" + (exchange.getRequestHeaders().getFirst("Authorization") != null));
            byte[] body = WITHOUT_COUNTS.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/atom+xml;type=entry;charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        // `probe` connects to the engine first (a ping); the queue probe asks nothing else of it
        server.createContext("/_ping", exchange -> {
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("OK".getBytes(StandardCharsets.US_ASCII));
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private CliHarness cli(String connection) {
        return new CliHarness(dir)
                .env("DOCKER_HOST", "tcp://127.0.0.1:" + server.getAddress().getPort())
                .env("QUEUE_BACKEND", "servicebus")
                .env("SERVICEBUS_CONNECTION_STRING", connection)
                .env("SERVICEBUS_ADMIN_PORT", String.valueOf(server.getAddress().getPort()));
    }

    @Test
    void anAnswerWithoutCountsIsAProblemNamingEndpointAndQueue() {
        CliHarness.Result result = cli(EMULATOR).run("probe", "queue-depth", "--window", "10ms");

        assertEquals(1, result.exitCode(), result.out() + result.err());
        assertTrue(result.out().contains("could not read: service-bus management http://127.0.0.1:" + server.getAddress().getPort()
                + ", queue events: answered HTTP 200 application/atom+xml;type=entry;charset=utf-8 with a QueueDescription"
                + " (LockDuration, MaxDeliveryCount, SizeInBytes, Status) missing CountDetails"), result.out());
        assertFalse((result.out() + result.err()).contains("NullPointerException"), result.out() + result.err());
    }

    @Test
    void anAdminPortForANamespaceThatIsNotTheEmulatorIsAUsageErrorAndNothingIsSent() {
        CliHarness.Result result = cli("Endpoint=sb://127.0.0.1/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE")
                .run("probe", "queue-depth", "--window", "10ms");

        assertEquals(2, result.exitCode(), result.out() + result.err());
        assertTrue(result.err().startsWith("cloudscale: SERVICEBUS_ADMIN_PORT=" + server.getAddress().getPort()
                + " would send the SAS token over plain HTTP to 127.0.0.1"), result.err());
        assertTrue(requests.isEmpty(), "a request reached the plain-HTTP server: " + requests);
    }

    @Test
    void aMalformedConnectionStringIsAUsageErrorNamingTheKey() {
        CliHarness.Result result = cli("Endpoint=sb://127.0.0.1;SharedAccesKeyName=root;SharedAccessKey=SECRETKEY=;UseDevelopmentEmulator=true")
                .run("probe", "queue-depth", "--window", "10ms");

        assertEquals(2, result.exitCode(), result.out() + result.err());
        assertTrue(result.err().startsWith("cloudscale: SERVICEBUS_CONNECTION_STRING has an unknown key 'SharedAccesKeyName'"), result.err());
        assertFalse(result.err().contains("SECRETKEY"), result.err());
        assertFalse(result.err().contains("\tat "), "no stack trace: " + result.err());
    }
}
