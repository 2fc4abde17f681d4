package io.cloudscale.probes.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
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
            byte[] body = ENTRY.formatted(active + dead + 1, active, dead).getBytes(StandardCharsets.UTF_8);
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
        String connection = "Endpoint=sb://127.0.0.1;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;";
        ServiceBusQueue queue = new ServiceBusQueue(connection, "events", server.getAddress().getPort());

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
}
