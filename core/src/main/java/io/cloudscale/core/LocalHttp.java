package io.cloudscale.core;

import java.net.http.HttpClient;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * The process's one JDK HTTP client for the stack's own endpoints (the gateway's status page, the dashboard's
 * summary), made on first use and shut down as the tool ends: its selector thread waits in native code, and the
 * JVM's exit waits up to 300 ms for a thread in native code (a third of a second on every `status`).
 */
public final class LocalHttp {

    /** A connection to a local endpoint that takes longer than this is not coming. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private static HttpClient client;

    private LocalHttp() {
    }

    /** For http:// alone: an https:// endpoint through it is refused at once, since its TLS context never connects. */
    public static synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).sslContext(noTls()).build();
        }
        return client;
    }

    /**
     * A TLS context for a client that never speaks TLS (plain http, a unix socket): any use of it to make a connection
     * fails. Without one a client builds the system's default, loading the JDK's TLS provider and parsing every CA
     * certificate of its trust store, on every command, for a handshake that is never made; this one sets up nothing.
     */
    public static SSLContext noTls() {
        return NeverTls.CONTEXT;
    }

    /** Stops the client's threads at once, if one was made; a later {@link #client()} makes a new one. */
    public static synchronized void shutdown() {
        if (client != null) {
            client.shutdownNow();
            client = null;
        }
    }
}
