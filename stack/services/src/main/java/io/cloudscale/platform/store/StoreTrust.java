package io.cloudscale.platform.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collections;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts the store's self-signed certificate the way the Cosmos DB emulator's documentation says to:
 * download {@code /_explorer/emulator.pem} from the emulator and add it to the JVM's trust store. The
 * download itself trusts anything, once, inside the compose network (trust on first use); after that
 * every call is verified normally, so a store that changes its certificate is refused.
 */
public final class StoreTrust {

    static final String CERTIFICATE_PATH = "_explorer/emulator.pem";

    private StoreTrust() {
    }

    /** Fetches the certificate, makes it (with the JDK's CAs) the JVM's default trust store, and returns a context for it. */
    public static SSLContext trustEmulatorCertificate(URI endpoint, int timeoutMillis) throws IOException, GeneralSecurityException {
        X509Certificate certificate = fetch(endpoint.resolve(CERTIFICATE_PATH), timeoutMillis);
        KeyStore store = withJdkAuthorities();
        store.setCertificateEntry("cosmos-emulator", certificate);
        Path file = Files.createTempFile("cloudscale-trust", ".p12");
        file.toFile().deleteOnExit();
        char[] password = "changeit".toCharArray();
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
        // The Cosmos SDK's Netty TLS takes the JVM default trust managers, which read these properties.
        System.setProperty("javax.net.ssl.trustStore", file.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        return contextFor(store);
    }

    /** The JVM's own trust decisions, for when the emulator's certificate is deliberately not trusted. */
    public static SSLContext jvmDefault() throws GeneralSecurityException {
        return contextFor(null);
    }

    private static SSLContext contextFor(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static KeyStore withJdkAuthorities() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        Path cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
        if (Files.exists(cacerts)) {
            KeyStore jdk = KeyStore.getInstance(KeyStore.getDefaultType());
            try (InputStream in = Files.newInputStream(cacerts)) {
                jdk.load(in, null);
            }
            for (String alias : Collections.list(jdk.aliases())) {
                if (jdk.isCertificateEntry(alias)) {
                    store.setCertificateEntry(alias, jdk.getCertificate(alias));
                }
            }
        }
        return store;
    }

    private static X509Certificate fetch(URI location, int timeoutMillis) throws IOException, GeneralSecurityException {
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[] {new TrustOnFirstUse()}, null);
        HttpsURLConnection connection = (HttpsURLConnection) location.toURL().openConnection();
        connection.setSSLSocketFactory(trustAll.getSocketFactory());
        connection.setHostnameVerifier((host, session) -> true);
        connection.setConnectTimeout(timeoutMillis);
        connection.setReadTimeout(timeoutMillis);
        try (InputStream in = connection.getInputStream()) {
            byte[] pem = in.readNBytes(64 * 1024);
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
        } finally {
            connection.disconnect();
        }
    }

    private static final class TrustOnFirstUse implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // not a server
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // the certificate is what is being fetched; it is verified on every later call
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
