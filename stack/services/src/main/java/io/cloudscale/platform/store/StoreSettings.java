package io.cloudscale.platform.store;

import io.cloudscale.platform.common.Env;
import java.net.URI;
import java.time.Duration;

/**
 * Where the Cosmos DB (or Cosmos-compatible) store is and how to reach it. The certificate is fetched from
 * {@code certificateFrom} (COSMOS_CERT_ENDPOINT, by default the endpoint itself): importing the emulator's
 * certificate is its own step, as in the emulator's docs, apart from the connection string the service uses.
 */
public record StoreSettings(URI endpoint, String key, String database, String container, boolean trustEmulatorCertificate,
                            Duration timeout, URI certificateFrom) {

    /** The key every Cosmos DB emulator ships with; public by design, useless outside the emulator. */
    public static final String EMULATOR_KEY = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    public static StoreSettings from(Env env) {
        URI uri = httpsUrl(env, "COSMOS_ENDPOINT", "https://cosmos:8081/");
        return new StoreSettings(uri, env.text("COSMOS_KEY", EMULATOR_KEY), env.text("COSMOS_DATABASE", "cloudscale"),
                env.text("COSMOS_CONTAINER", "events"), env.flag("COSMOS_TRUST_EMULATOR_CERT", true),
                env.millis("COSMOS_TIMEOUT_MS", 10_000), httpsUrl(env, "COSMOS_CERT_ENDPOINT", uri.toString()));
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
