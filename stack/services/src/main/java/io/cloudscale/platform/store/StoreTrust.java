package io.cloudscale.platform.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Collections;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts the store's self-signed certificate the way the Cosmos DB emulator's documentation says to:
 * download it (the emulator serves it at {@code /_explorer/emulator.pem}; another Cosmos-compatible server
 * may serve it elsewhere, or hand it over as a PEM file) and add it to the JVM's trust store. The download
 * itself trusts anything, once, inside the compose network (trust on first use); after that every call is
 * verified normally, so a store that changes its certificate is refused.
 */
public final class StoreTrust {

    private StoreTrust() {
    }

    /**
     * Reads the certificate (an http(s) URL or a file: URI of a PEM file), makes it (with the JDK's CAs)
     * the JVM's default trust store, and returns a context for it.
     */
    public static SSLContext trustStoreCertificate(URI certificate, int timeoutMillis) throws IOException, GeneralSecurityException {
        KeyStore store = withJdkAuthorities();
        int index = 0;
        for (Certificate read : read(certificate, timeoutMillis)) {
            store.setCertificateEntry("cosmos-store-" + index++, read);
        }
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

    private static Collection<? extends Certificate> read(URI location, int timeoutMillis) throws IOException, GeneralSecurityException {
        byte[] pem = "file".equals(location.getScheme()) ? Files.readAllBytes(Path.of(location)) : fetch(location, timeoutMillis);
        Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem));
        if (certificates.isEmpty()) {
            throw new CertificateException(location + " holds no certificate");
        }
        return certificates;
    }

    private static byte[] fetch(URI location, int timeoutMillis) throws IOException, GeneralSecurityException {
        HttpURLConnection connection = (HttpURLConnection) location.toURL().openConnection();
        if (connection instanceof HttpsURLConnection https) {
            SSLContext trustAll = SSLContext.getInstance("TLS");
            trustAll.init(null, new TrustManager[] {new TrustOnFirstUse()}, null);
            https.setSSLSocketFactory(trustAll.getSocketFactory());
            https.setHostnameVerifier((host, session) -> true);
        }
        connection.setConnectTimeout(timeoutMillis);
        connection.setReadTimeout(timeoutMillis);
        try (InputStream in = connection.getInputStream()) {
            return in.readNBytes(64 * 1024);
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
