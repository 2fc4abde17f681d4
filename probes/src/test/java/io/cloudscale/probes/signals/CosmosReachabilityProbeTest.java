package io.cloudscale.probes.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudscale.core.Status;
import io.cloudscale.core.diagnosis.Observation;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real local TLS server with a self-signed certificate made by keytool, as the emulator's is. */
class CosmosReachabilityProbeTest {

    @TempDir
    Path dir;

    private ServerSocket server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private int selfSignedTlsServer() throws Exception {
        Path keystore = dir.resolve("cosmos.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "cosmos", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=localhost, O=CloudScale emulator", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-ext", "SAN=dns:localhost,ip:127.0.0.1")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), output);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        SSLServerSocket tls = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        serve(tls, true);
        return tls.getLocalPort();
    }

    private void serve(ServerSocket socket, boolean tls) {
        server = socket;
        Thread.ofVirtual().start(() -> {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                    if (tls) {
                        ((SSLSocket) client).startHandshake();
                    } else {
                        client.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes());
                    }
                } catch (IOException ignored) {
                    // a client that gave up mid-handshake, as the untrusting one does
                }
            }
        });
    }

    private static Observation<StoreReachability> probe(int port) {
        return new CosmosReachabilityProbe("127.0.0.1", port, "a2V5", "cloudscale", "events", Clock.systemUTC()).observe(io.cloudscale.core.diagnosis.Settled.NEVER);
    }

    @Test
    void aSelfSignedCertificateIsSeenButNotTrusted() throws Exception {
        Observation<StoreReachability> seen = probe(selfSignedTlsServer());

        assertEquals(Status.FAIL, seen.status());
        StoreReachability store = seen.value();
        assertTrue(store.portOpen());
        assertTrue(store.tlsHandshake());
        assertFalse(store.certificateTrusted());
        assertTrue(store.certificate().selfSigned());
        assertEquals("CN=localhost,O=CloudScale emulator", store.certificate().subject());
        assertTrue(store.trustError().contains("PKIX path building failed"), store.trustError());
        assertNull(store.keyAccepted(), "the key is not tried through an untrusted connection");
        assertTrue(seen.evidence().getLast().text().startsWith("certificate not trusted: ") && seen.evidence().getLast().text().contains("PKIX path building failed"), seen.evidence().toString());
    }

    @Test
    void aClosedPortStopsAtTheFirstStep() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        StoreReachability store = probe(closed).value();

        assertFalse(store.portOpen());
        assertNull(store.tlsHandshake());
        assertTrue(store.error().contains("Connection refused"), store.error());
    }

    @Test
    void somethingThatIsNotTlsOnThePort() throws IOException {
        serve(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), false);

        StoreReachability store = probe(server.getLocalPort()).value();

        assertTrue(store.portOpen());
        assertFalse(store.tlsHandshake());
    }
}
