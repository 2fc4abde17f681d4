package io.cloudscale.platform.store;

import io.cloudscale.platform.common.Env;
import java.net.URI;
import java.time.Duration;

/** Where the Cosmos DB (or Cosmos-compatible) store is and how to reach it. */
public record StoreSettings(URI endpoint, String key, String database, String container, boolean trustEmulatorCertificate,
                            Duration timeout) {

    /** The key every Cosmos DB emulator ships with; public by design, useless outside the emulator. */
    public static final String EMULATOR_KEY = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    public static StoreSettings from(Env env) {
        String endpoint = env.text("COSMOS_ENDPOINT", "https://cosmos:8081/");
        URI uri;
        try {
            uri = URI.create(endpoint.endsWith("/") ? endpoint : endpoint + "/");
        } catch (IllegalArgumentException e) {
            throw new Env.BadSetting("COSMOS_ENDPOINT=" + endpoint + ": not a URL");
        }
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new Env.BadSetting("COSMOS_ENDPOINT=" + endpoint + ": expected https://HOST:PORT/");
        }
        return new StoreSettings(uri, env.text("COSMOS_KEY", EMULATOR_KEY), env.text("COSMOS_DATABASE", "cloudscale"),
                env.text("COSMOS_CONTAINER", "events"), env.flag("COSMOS_TRUST_EMULATOR_CERT", true),
                env.millis("COSMOS_TIMEOUT_MS", 10_000));
    }
}
