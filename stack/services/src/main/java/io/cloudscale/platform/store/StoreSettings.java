package io.cloudscale.platform.store;

import io.cloudscale.platform.common.Env;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the Cosmos DB (or Cosmos-compatible) store is and how to reach it. The key travels only over
 * HTTPS. The certificate to trust is read from {@code certificate} (COSMOS_CERT_URL: an http(s) URL or a
 * PEM file; by default the emulator's documented {@code ENDPOINT/_explorer/emulator.pem}): importing it is
 * its own step, as in the emulator's docs, apart from the endpoint the service uses.
 */
public record StoreSettings(URI endpoint, String key, String database, String container, boolean trustEmulatorCertificate,
                            Duration timeout, URI certificate) {

    static final String EMULATOR_CERTIFICATE_PATH = "_explorer/emulator.pem";

    /** The key every Cosmos DB emulator ships with; public by design, useless outside the emulator. */
    public static final String EMULATOR_KEY = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    public static StoreSettings from(Env env) {
        URI uri = httpsUrl(env, "COSMOS_ENDPOINT", "https://cosmos:8081/");
        return new StoreSettings(uri, env.text("COSMOS_KEY", EMULATOR_KEY), env.text("COSMOS_DATABASE", "cloudscale"),
                env.text("COSMOS_CONTAINER", "events"), env.flag("COSMOS_TRUST_EMULATOR_CERT", true),
                env.millis("COSMOS_TIMEOUT_MS", 10_000), certificate(env, uri));
    }

    private static URI certificate(Env env, URI endpoint) {
        if (env.text("COSMOS_CERT_ENDPOINT", null) != null) {
            throw new Env.BadSetting("COSMOS_CERT_ENDPOINT is replaced by COSMOS_CERT_URL: the certificate's full URL"
                    + " (e.g. https://cosmos:8081/" + EMULATOR_CERTIFICATE_PATH + ") or a PEM file's path");
        }
        String value = env.text("COSMOS_CERT_URL", null);
        if (value == null) {
            return endpoint.resolve(EMULATOR_CERTIFICATE_PATH);
        }
        if (value.startsWith("/")) {
            return requireFile(Path.of(value).toUri(), value);
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new Env.BadSetting("COSMOS_CERT_URL=" + value + ": not a URL or an absolute file path");
        }
        return switch (uri.getScheme() == null ? "" : uri.getScheme()) {
            case "https", "http" -> {
                if (uri.getHost() == null) {
                    throw new Env.BadSetting("COSMOS_CERT_URL=" + value + ": no host");
                }
                yield uri;
            }
            case "file" -> requireFile(uri, value);
            default -> throw new Env.BadSetting("COSMOS_CERT_URL=" + value + ": expected https://HOST:PORT/PATH, file:/PATH or /PATH to a PEM file");
        };
    }

    private static URI requireFile(URI file, String value) {
        if (!Files.isReadable(Path.of(file))) {
            throw new Env.BadSetting("COSMOS_CERT_URL=" + value + ": no readable file there");
        }
        return file;
    }

    private static URI httpsUrl(Env env, String name, String fallback) {
        String endpoint = env.text(name, fallback);
        URI uri;
        try {
            uri = URI.create(endpoint.endsWith("/") ? endpoint : endpoint + "/");
        } catch (IllegalArgumentException e) {
            throw new Env.BadSetting(name + "=" + endpoint + ": not a URL");
        }
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new Env.BadSetting(name + "=" + endpoint + ": expected https://HOST:PORT/");
        }
        return uri;
    }
}
