package io.cloudscale.platform.queue.servicebus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.cloudscale.platform.common.Env;
import io.cloudscale.platform.common.Json;
import io.cloudscale.platform.event.Event;
import io.cloudscale.platform.queue.EventSender;
import io.cloudscale.platform.queue.QueueUnavailable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The services' management endpoint: plain HTTP for the emulator only, so a SAS token never travels in clear elsewhere. */
class ServiceBusSettingsTest {

    private static final String EMULATOR = "Endpoint=sb://servicebus;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;";
    private static final String CLOUD = "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE";

    private static ServiceBusSettings settings(Map<String, String> values) {
        return ServiceBusSettings.from(new Env(values));
    }

    @Test
    void theEmulatorsManagementIsPlainHttpOnPort5300UnlessSetOtherwise() {
        assertEquals("http://servicebus:5300", settings(Map.of("SERVICEBUS_CONNECTION_STRING", EMULATOR)).adminEndpoint().toString());
        assertEquals("http://127.0.0.1:15300", settings(Map.of("SERVICEBUS_CONNECTION_STRING", EMULATOR,
                "SERVICEBUS_ADMIN_ENDPOINT", "http://127.0.0.1:15300")).adminEndpoint().toString());
        assertNull(settings(Map.of("SERVICEBUS_CONNECTION_STRING", CLOUD)).adminEndpoint(), "the SDK's own https://NAMESPACE");
        assertEquals("https://mgmt.example", settings(Map.of("SERVICEBUS_CONNECTION_STRING", CLOUD,
                "SERVICEBUS_ADMIN_ENDPOINT", "https://mgmt.example")).adminEndpoint().toString());
    }

    @Test
    void aPlainHttpEndpointForANamespaceThatIsNotTheEmulatorIsRefusedBeforeTheTokenLeaves() throws Exception {
        List<String> inClear = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            inClear.add(exchange.getRequestURI() + " Authorization=" + (exchange.getRequestHeaders().getFirst("Authorization") != null));
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
        try {
            String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
            Env env = new Env(Map.of("SERVICEBUS_CONNECTION_STRING", CLOUD, "SERVICEBUS_ADMIN_ENDPOINT", endpoint));

            Env.BadSetting refused = assertThrows(Env.BadSetting.class, () -> ServiceBusQueue.depth(env).depth());

            assertEquals("SERVICEBUS_ADMIN_ENDPOINT=" + endpoint + ": plain HTTP would carry the SAS token in clear, and SERVICEBUS_CONNECTION_STRING"
                    + " is not the emulator's (no UseDevelopmentEmulator=true)", refused.getMessage());
            assertTrue(inClear.isEmpty(), "a request reached the plain-HTTP server: " + inClear);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aNamespaceThatIsNotTheEmulatorIsSpokenToOverTlsOnly() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(20_000);
            String cloud = "Endpoint=sb://127.0.0.1:" + listener.getLocalPort() + "/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE";
            EventSender sender = ServiceBusQueue.sender(new Env(Map.of("SERVICEBUS_CONNECTION_STRING", cloud)));
            Thread sending = Thread.ofVirtual().start(() -> {
                try {
                    sender.send(new Event("e-1", "click", "test", Instant.EPOCH, Json.MAPPER.createObjectNode(), Instant.EPOCH));
                } catch (QueueUnavailable expected) {
                    // nothing here speaks TLS
                }
            });
            try (Socket client = listener.accept()) {
                client.setSoTimeout(20_000);
                byte[] first = client.getInputStream().readNBytes(3);
                // a TLS record (handshake 0x16, version 3.x), not the AMQP or SASL header ("AMQP"): no token in clear
                assertEquals(0x16, first[0] & 0xff);
                assertEquals(0x03, first[1] & 0xff);
            } finally {
                sending.interrupt();
                sender.close();
            }
        }
    }

    @Test
    void aMalformedConnectionStringStopsTheServiceWithTheSdksReason() {
        Env.BadSetting bad = assertThrows(Env.BadSetting.class, () -> settings(Map.of("SERVICEBUS_CONNECTION_STRING",
                "Endpoint=sb://ns.servicebus.windows.net/;SharedAccesKeyName=root;SharedAccessKey=SECRETKEY")));
        assertTrue(bad.getMessage().startsWith("SERVICEBUS_CONNECTION_STRING: "), bad.getMessage());
        assertTrue(bad.getMessage().contains("SharedAccesKeyName"), bad.getMessage());
        Env.BadSetting noPair = assertThrows(Env.BadSetting.class, () -> settings(Map.of("SERVICEBUS_CONNECTION_STRING",
                "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccessKey:SECRETKEY")));
        assertEquals("SERVICEBUS_CONNECTION_STRING: a part is not KEY=VALUE", noPair.getMessage());
    }
}
