package io.cloudscale.platform.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's certificate read from where the store serves it (not only the emulator's path), or from a PEM file. */
class StoreTrustTest {

    @TempDir
    static Path dir;
    private static SelfSignedServer store;

    @BeforeAll
    static void start() throws Exception {
        store = new SelfSignedServer(dir, "/certs/store.pem");
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    @Test
    void aCertificateServedElsewhereThanTheEmulatorsPathIsTrusted() throws Exception {
        SSLContext trusting = StoreTrust.trustStoreCertificate(store.url("/certs/store.pem"), 3000);

        assertEquals(404, get(trusting, store.url("/_explorer/emulator.pem")), "verified TLS to the store, and the emulator's path is not there");
    }

    @Test
    void aPemFileIsTrustedWithoutAsking() throws Exception {
        SSLContext trusting = StoreTrust.trustStoreCertificate(store.pem.toUri(), 3000);

        assertEquals(200, get(trusting, store.url("/certs/store.pem")));
    }

    private static int get(SSLContext context, URI url) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newBuilder().sslContext(context).build()) {
            return client.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }
}
