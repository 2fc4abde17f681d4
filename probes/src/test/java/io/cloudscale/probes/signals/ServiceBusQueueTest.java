package io.cloudscale.probes.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.ExitCode;
import io.cloudscale.core.Status;
import io.cloudscale.core.diagnosis.Observation;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real SDK client (ServiceBusAdministrationClient) against a loopback server that answers as the
 * Service Bus admin API does: an ATOM entry whose QueueDescription carries CountDetails. It stands in
 * for the emulator's plain-HTTP admin port, which the SDK reaches only through the URL rewrite.
 */
class ServiceBusQueueTest {

    private static final String ENTRY = """
            <entry xmlns="http://www.w3.org/2005/Atom">
              <id>https://127.0.0.1/events?enrich=true&amp;api-version=2021-05</id>
              <title type="text">events</title>
              <published>2026-11-20T10:00:00Z</published>
              <updated>2026-11-26T06:00:00Z</updated>
              <author><name>sbemulatorns</name></author>
              <link rel="self" href="https://127.0.0.1/events?enrich=true&amp;api-version=2021-05"/>
              <content type="application/xml">
                <QueueDescription xmlns="http://schemas.microsoft.com/netservices/2010/10/servicebus/connect" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
                  <LockDuration>PT1M</LockDuration>
                  <MaxSizeInMegabytes>1024</MaxSizeInMegabytes>
                  <RequiresDuplicateDetection>false</RequiresDuplicateDetection>
                  <RequiresSession>false</RequiresSession>
                  <DefaultMessageTimeToLive>PT1H</DefaultMessageTimeToLive>
                  <DeadLetteringOnMessageExpiration>true</DeadLetteringOnMessageExpiration>
                  <DuplicateDetectionHistoryTimeWindow>PT20S</DuplicateDetectionHistoryTimeWindow>
                  <MaxDeliveryCount>3</MaxDeliveryCount>
                  <EnableBatchedOperations>true</EnableBatchedOperations>
                  <SizeInBytes>4096</SizeInBytes>
                  <MessageCount>%1$d</MessageCount>
                  <IsAnonymousAccessible>false</IsAnonymousAccessible>
                  <Status>Active</Status>
                  <CreatedAt>2026-11-20T10:00:00Z</CreatedAt>
                  <UpdatedAt>2026-11-26T06:00:00Z</UpdatedAt>
                  <AccessedAt>2026-11-26T06:41:00Z</AccessedAt>
                  <SupportOrdering>true</SupportOrdering>
                  <CountDetails xmlns:d2p1="http://schemas.microsoft.com/netservices/2011/06/servicebus">
                    <d2p1:ActiveMessageCount>%2$d</d2p1:ActiveMessageCount>
                    <d2p1:DeadLetterMessageCount>%3$d</d2p1:DeadLetterMessageCount>
                    <d2p1:ScheduledMessageCount>1</d2p1:ScheduledMessageCount>
                    <d2p1:TransferMessageCount>0</d2p1:TransferMessageCount>
                    <d2p1:TransferDeadLetterMessageCount>0</d2p1:TransferDeadLetterMessageCount>
                  </CountDetails>
                  <AutoDeleteOnIdle>P10675199DT2H48M5.4775807S</AutoDeleteOnIdle>
                  <EnablePartitioning>false</EnablePartitioning>
                  <EntityAvailabilityStatus>Available</EntityAvailabilityStatus>
                  <EnableExpress>false</EnableExpress>
                </QueueDescription>
              </content>
            </entry>
            """;

    private static final String EMULATOR = "Endpoint=sb://127.0.0.1;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;";
    private static final String CLOUD = "Endpoint=sb://127.0.0.1/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE";

    /** How the server changes the answer: by default it sends the entry as the service does. */
    private volatile UnaryOperator<String> answer = UnaryOperator.identity();
    private HttpServer server;
    private final AtomicInteger reads = new AtomicInteger();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " auth=" + (exchange.getRequestHeaders().getFirst("Authorization") != null));
            int read = reads.incrementAndGet();
            long active = 40 + 25L * (read - 1); // the queue grows between the reads
            long dead = read == 1 ? 2 : 5;
            byte[] body = answer.apply(ENTRY.formatted(active + dead + 1, active, dead)).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/atom+xml;type=entry;charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theSdkReadsRuntimeCountsThroughThePlainHttpRewrite() throws Exception {
        ServiceBusQueue queue = new ServiceBusQueue(EMULATOR, "events", server.getAddress().getPort());

        Observation<QueueDepth> seen = new QueueDepthProbe(queue, Duration.ofMillis(100), Clock.systemUTC()).observe();

        assertEquals(Status.WARN, seen.status());
        assertEquals(40, seen.value().first().active());
        assertEquals(65, seen.value().middle().active());
        assertEquals(90, seen.value().last().active());
        assertEquals(1L, seen.value().last().scheduled());
        assertTrue(seen.value().growing());
        assertTrue(seen.value().deadLettersGrowing());
        assertEquals("active 40 -> 65 -> 90 (+50), dead-letter 2 -> 5 (+3), scheduled 1", seen.evidence().getFirst().text().split(" over ")[0]);
        assertTrue(requests.getFirst().startsWith("GET /events?"), requests.toString());
        assertTrue(requests.getFirst().contains("enrich=true") && requests.getFirst().endsWith("auth=true"), requests.toString());
    }

    @Test
    void countDetailsAreEnoughWhenTheAnswerLacksMessageCount() throws Exception {
        answer = entry -> entry.replaceAll("<MessageCount>\\d+</MessageCount>", "").replaceAll("<SizeInBytes>\\d+</SizeInBytes>", "");
        QueueCounts counts = new ServiceBusQueue(EMULATOR, "events", server.getAddress().getPort()).sample();

        assertEquals(40, counts.active());
        assertEquals(2, counts.deadLetter());
        assertEquals(1L, counts.scheduled());
    }

    @Test
    void anAnswerWithoutCountsIsAProblemThatNamesEndpointQueueAndWhatIsMissing() throws Exception {
        answer = entry -> entry.replaceAll("(?s)<MessageCount>.*</CountDetails>", "");
        int port = server.getAddress().getPort();

        Observation<QueueDepth> seen = new QueueDepthProbe(new ServiceBusQueue(EMULATOR, "events", port), Duration.ofMillis(10), Clock.systemUTC()).observe();

        assertEquals(Status.FAIL, seen.status(), "reachable, so not UNKNOWN (exit 3): " + seen);
        assertNull(seen.value());
        assertEquals("service-bus management http://127.0.0.1:" + port + ", queue events: answered HTTP 200 application/atom+xml;type=entry;charset=utf-8"
                + " with a QueueDescription (LockDuration, MaxSizeInMegabytes, RequiresDuplicateDetection, RequiresSession, DefaultMessageTimeToLive,"
                + " DeadLetteringOnMessageExpiration, DuplicateDetectionHistoryTimeWindow, MaxDeliveryCount, EnableBatchedOperations, SizeInBytes,"
                + " AutoDeleteOnIdle, EnablePartitioning, EntityAvailabilityStatus, EnableExpress) missing CountDetails", seen.reason());
    }

    @Test
    void aQueueThatIsNotThereIsSaidSo() {
        // what Service Bus answers for an entity that does not exist: 200 and an empty feed
        answer = entry -> """
                <feed xmlns="http://www.w3.org/2005/Atom"><title type="text">Publicly Listed Services</title>
                <id>uuid:5a7b4f27-6c30-4a8e-9cd2-0e4c0d0b5d2a;id=1</id><updated>2026-12-02T06:00:00Z</updated></feed>
                """;
        BadAnswer bad = assertThrows(BadAnswer.class, () -> new ServiceBusQueue(EMULATOR, "events", server.getAddress().getPort()).sample());

        assertEquals("service-bus management http://127.0.0.1:" + server.getAddress().getPort() + ", queue events: answered HTTP 200"
                + " application/atom+xml;type=entry;charset=utf-8 with <feed> and no QueueDescription (an empty feed: no such queue)", bad.getMessage());
    }

    @Test
    void aRefusalIsReadAsAnAnswerNotAsAnUnreachableServer() throws Exception {
        server.removeContext("/");
        server.createContext("/", exchange -> {
            byte[] body = "<Error><Code>401</Code><Detail>InvalidSignature: The token has an invalid signature.</Detail></Error>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/xml; charset=utf-8");
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        BadAnswer bad = assertThrows(BadAnswer.class, () -> new ServiceBusQueue(EMULATOR, "events", server.getAddress().getPort()).sample());

        assertTrue(bad.getMessage().startsWith("service-bus management http://127.0.0.1:" + server.getAddress().getPort() + ", queue events: answered HTTP 401"), bad.getMessage());
        assertTrue(bad.getMessage().contains("InvalidSignature"), bad.getMessage());
    }

    @Test
    void noAnswerNamesEndpointAndQueue() {
        int port = server.getAddress().getPort();
        server.stop(0);

        long start = System.nanoTime();
        Exception failure = assertThrows(Exception.class, () -> new ServiceBusQueue(EMULATOR, "events", port).sample());
        long tookMillis = java.time.Duration.ofNanos(System.nanoTime() - start).toMillis();

        assertTrue(tookMillis <= 3000, "a refused port is reported within 3 s, not after the SDK's retries: " + tookMillis + " ms");
        assertFalse(failure instanceof BadAnswer);
        assertTrue(failure.getMessage().startsWith("service-bus management http://127.0.0.1:" + port + ", queue events: no answer: "), failure.getMessage());
    }

    @Test
    void anAdminPortForANamespaceThatIsNotTheEmulatorIsRefusedBeforeAnyRequest() {
        CloudscaleException.Usage refused = assertThrows(CloudscaleException.Usage.class,
                () -> new ServiceBusQueue(CLOUD, "events", server.getAddress().getPort()).sample());

        assertEquals(ExitCode.USAGE, refused.exitCode());
        assertTrue(refused.getMessage().startsWith("SERVICEBUS_ADMIN_PORT=" + server.getAddress().getPort() + " would send the SAS token over plain HTTP to 127.0.0.1"),
                refused.getMessage());
        assertTrue(requests.isEmpty(), "a request reached the plain-HTTP server: " + requests);
    }

    @Test
    void plainHttpOnlyForTheEmulatorOnItsDefaultPortOtherwiseHttps() {
        assertEquals("http://127.0.0.1:5300", new ServiceBusQueue(EMULATOR, "events", null).adminEndpoint().toString());
        assertEquals("https://127.0.0.1", new ServiceBusQueue(CLOUD, "events", null).adminEndpoint().toString());
    }

    @Test
    void aMalformedConnectionStringIsAUsageErrorNamingTheKeyAndNotTheSecret() {
        for (String[] bad : new String[][] {
                {"Endpoint=sb://ns.servicebus.windows.net/;SharedAccesKeyName=root;SharedAccessKey=SECRETKEY=", "unknown key 'SharedAccesKeyName'"},
                {"Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=root", "needs SharedAccessKeyName and SharedAccessKey"},
                {"SharedAccessKeyName=root;SharedAccessKey=SECRETKEY=", "has no Endpoint"},
                {"Endpoint=sb://;SharedAccessKeyName=root;SharedAccessKey=SECRETKEY=", "has Endpoint='sb://'"},
                {"Endpoint=sb://h;SharedAccessKeyName=root;SharedAccessKey=SECRETKEY=;UseDevelopmentEmulator=yes", "UseDevelopmentEmulator='yes'"},
                {"SECRETKEY", "without KEY=VALUE"},
                {"", "is not set"}}) {
            CloudscaleException.Usage usage = assertThrows(CloudscaleException.Usage.class, () -> new ServiceBusQueue(bad[0], "events", null), bad[0]);
            assertTrue(usage.getMessage().startsWith("SERVICEBUS_CONNECTION_STRING ") && usage.getMessage().contains(bad[1]), usage.getMessage());
            assertFalse(usage.getMessage().contains("SECRETKEY"), usage.getMessage());
        }
    }
}
