package io.cloudscale.probes.signals;

import java.time.Instant;

/**
 * How far a client gets toward the Cosmos DB store, step by step: port, TLS, trust, key, database,
 * container. A step that could not be tried is null, never false.
 */
public record StoreReachability(String endpoint, boolean portOpen, Boolean tlsHandshake, Boolean certificateTrusted,
                                Certificate certificate, String trustError, Boolean keyAccepted, Boolean databasePresent,
                                Boolean containerPresent, String error) {

    public record Certificate(String subject, String issuer, boolean selfSigned, Instant notAfter) {
    }

    public boolean reachable() {
        return portOpen && Boolean.TRUE.equals(tlsHandshake) && Boolean.TRUE.equals(certificateTrusted)
                && !Boolean.FALSE.equals(keyAccepted) && !Boolean.FALSE.equals(databasePresent) && !Boolean.FALSE.equals(containerPresent);
    }
}
