package io.cloudscale.probes.signals;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosClientBuilder;
import com.azure.cosmos.CosmosException;
import io.cloudscale.core.Failures;
import io.cloudscale.core.Status;
import io.cloudscale.core.diagnosis.Evidence;
import io.cloudscale.core.diagnosis.Observation;
import io.cloudscale.core.diagnosis.Probe;
import io.cloudscale.core.diagnosis.ProbeKey;
import io.cloudscale.core.diagnosis.ProbeSpec;
import io.cloudscale.core.diagnosis.Settled;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Walks the path a client takes to Cosmos DB: TCP port, TLS handshake (reading the certificate
 * without trusting it), the JVM's own trust decision (the emulator's self-signed certificate is the
 * classic failure), then, only when trusted, the key, the database and the container through the
 * azure-cosmos SDK in gateway mode.
 */
public final class CosmosReachabilityProbe implements Probe<StoreReachability> {

    public static final ProbeKey<StoreReachability> KEY = ProbeKey.of("cosmos-reachability");
    private static final String NAME = KEY.name();
    private static final int CONNECT_TIMEOUT_MS = 2000;
    /** A store on a busy machine may take a while to answer its handshake; not answering it at all is the finding. */
    private static final int HANDSHAKE_TIMEOUT_MS = 5000;

    private final String host;
    private final int port;
    private final String key;
    private final String database;
    private final String container;
    private final Clock clock;

    public CosmosReachabilityProbe(String host, int port, String key, String database, String container, Clock clock) {
        this.host = host;
        this.port = port;
        this.key = key;
        this.database = database;
        this.container = container;
        this.clock = clock;
    }

    @Override
    public ProbeSpec<StoreReachability> spec() {
        return new ProbeSpec<>(KEY, "Cosmos DB at https://" + host + ":" + port + ": port, TLS, certificate trust, key, database " + database + ", container " + container, 2, Duration.ofSeconds(20));
    }

    @Override
    public Observation<StoreReachability> observe(Settled settled) {
        String endpoint = "https://" + host + ":" + port + "/";
        List<Evidence> evidence = new ArrayList<>();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
        } catch (IOException e) {
            evidence.add(evidence("tcp " + host + ":" + port, "port closed: " + Failures.describe(e)));
            return done(Status.FAIL, new StoreReachability(endpoint, false, null, null, null, null, null, null, null, Failures.describe(e)), evidence);
        }
        evidence.add(evidence("tcp " + host + ":" + port, "port open"));
        StoreReachability.Certificate certificate;
        try {
            certificate = peerCertificate();
        } catch (IOException | GeneralSecurityException e) {
            evidence.add(evidence("tls " + host + ":" + port, "no TLS handshake: " + Failures.describe(e)));
            return done(Status.FAIL, new StoreReachability(endpoint, true, false, null, null, null, null, null, null, Failures.describe(e)), evidence);
        }
        evidence.add(evidence("tls " + host + ":" + port, "certificate %s, issued by %s%s, valid until %s".formatted(certificate.subject(),
                certificate.issuer(), certificate.selfSigned() ? " (self-signed)" : "", certificate.notAfter())));
        String trustError = jvmTrustError();
        if (trustError != null) {
            evidence.add(evidence("jvm truststore", "certificate not trusted: " + trustError));
            return done(Status.FAIL, new StoreReachability(endpoint, true, true, false, certificate, trustError, null, null, null,
                    "the JVM does not trust the store's certificate"), evidence);
        }
        evidence.add(evidence("jvm truststore", "certificate trusted"));
        return withSdk(endpoint, certificate, evidence);
    }

    private Observation<StoreReachability> withSdk(String endpoint, StoreReachability.Certificate certificate, List<Evidence> evidence) {
        Boolean keyAccepted = null;
        Boolean databasePresent = null;
        Boolean containerPresent = null;
        String error = null;
        try (CosmosClient client = new CosmosClientBuilder().endpoint(endpoint).key(key).gatewayMode().buildClient()) {
            try {
                client.getDatabase(database).read();
                keyAccepted = true;
                databasePresent = true;
                client.getDatabase(database).getContainer(container).read();
                containerPresent = true;
            } catch (CosmosException e) {
                switch (e.getStatusCode()) {
                    case 401, 403 -> keyAccepted = false;
                    case 404 -> {
                        keyAccepted = true;
                        if (databasePresent == null) {
                            databasePresent = false;
                        } else {
                            containerPresent = false;
                        }
                    }
                    default -> error = "HTTP " + e.getStatusCode() + ": " + Failures.describe(e);
                }
            }
        } catch (RuntimeException e) {
            error = Failures.describe(e);
        }
        evidence.add(evidence("cosmos sdk " + endpoint, "key %s, database %s %s, container %s %s%s".formatted(
                word(keyAccepted, "accepted", "rejected"), database, word(databasePresent, "present", "missing"),
                container, word(containerPresent, "present", "missing"), error == null ? "" : ", error: " + error)));
        StoreReachability value = new StoreReachability(endpoint, true, true, true, certificate, null, keyAccepted, databasePresent, containerPresent, error);
        return done(value.reachable() && error == null ? Status.OK : Status.FAIL, value, evidence);
    }

    /** The certificate as presented, read with a trust manager that accepts anything: we want to see it, not use it. */
    private StoreReachability.Certificate peerCertificate() throws IOException, GeneralSecurityException {
        SSLContext inspecting = SSLContext.getInstance("TLS");
        inspecting.init(null, new TrustManager[] {new AcceptAnything()}, null);
        try (SSLSocket socket = (SSLSocket) inspecting.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            socket.setSoTimeout(HANDSHAKE_TIMEOUT_MS);
            socket.startHandshake();
            X509Certificate leaf = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            boolean selfSigned = leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal()) && signedBy(leaf, leaf);
            return new StoreReachability.Certificate(leaf.getSubjectX500Principal().getName(), leaf.getIssuerX500Principal().getName(),
                    selfSigned, leaf.getNotAfter().toInstant());
        }
    }

    /** Null when the JVM's default trust accepts the server, else the JDK's reason (PKIX path building failed ...). */
    private String jvmTrustError() {
        try (SSLSocket socket = (SSLSocket) SSLContext.getDefault().getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            socket.setSoTimeout(HANDSHAKE_TIMEOUT_MS);
            socket.startHandshake();
            return null;
        } catch (IOException | GeneralSecurityException e) {
            return Failures.describe(e); // an SSLException, PKIX path building failed, when the certificate is not trusted
        }
    }

    private static boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static final class AcceptAnything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    private Evidence evidence(String source, String text) {
        return new Evidence(source, clock.instant(), text);
    }

    private Observation<StoreReachability> done(Status status, StoreReachability value, List<Evidence> evidence) {
        return Observation.of(NAME, status, value, evidence);
    }

    private static String word(Boolean value, String yes, String no) {
        return value == null ? "not checked" : value ? yes : no;
    }

}
