package io.cloudscale.platform.queue.servicebus;

import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import io.cloudscale.platform.common.Env;
import java.net.URI;
import java.util.Locale;

/**
 * How the services reach Service Bus: the connection string (checked at start, so a typo stops the service
 * with the SDK's reason rather than a stack trace), the queue, and where the management API answers. The
 * cloud serves management over HTTPS (the SDK's default); the emulator only over plain HTTP, on port 5300
 * unless SERVICEBUS_ADMIN_ENDPOINT says otherwise. Every management request carries a SAS token, so a
 * plain-HTTP endpoint is accepted only when the connection string says UseDevelopmentEmulator=true.
 */
record ServiceBusSettings(String connectionString, String queue, URI adminEndpoint) {

    static final String CONNECTION = "SERVICEBUS_CONNECTION_STRING";
    static final String ADMIN_ENDPOINT = "SERVICEBUS_ADMIN_ENDPOINT";
    static final int EMULATOR_ADMIN_PORT = 5300;

    static ServiceBusSettings from(Env env) {
        String connection = env.required(CONNECTION);
        try {
            new ServiceBusClientBuilder().connectionString(connection);
        } catch (IllegalArgumentException | NullPointerException e) {
            // this one of the SDK's reasons quotes the broken part, which may hold the key
            String reason = String.valueOf(e.getMessage()).startsWith("Connection string has invalid key value pair")
                    ? "a part is not KEY=VALUE" : e.getMessage();
            throw new Env.BadSetting(CONNECTION + ": " + reason);
        }
        String host = null;
        boolean emulator = false;
        for (String pair : connection.split(";")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? "" : pair.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            String value = equals < 0 ? "" : pair.substring(equals + 1).strip();
            if (key.equals("endpoint")) {
                host = URI.create(value.contains("://") ? value : "sb://" + value).getHost();
            } else if (key.equals("usedevelopmentemulator")) {
                emulator = value.equalsIgnoreCase("true");
            }
        }
        return new ServiceBusSettings(connection, env.text("QUEUE_NAME", "events"), adminEndpoint(env, host, emulator));
    }

    /** Null: the SDK's own https://NAMESPACE. */
    private static URI adminEndpoint(Env env, String host, boolean emulator) {
        String value = env.text(ADMIN_ENDPOINT, null);
        if (value == null) {
            return emulator ? URI.create("http://" + host + ":" + EMULATOR_ADMIN_PORT) : null;
        }
        URI endpoint;
        try {
            endpoint = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new Env.BadSetting(ADMIN_ENDPOINT + "=" + value + ": not a URL");
        }
        if (endpoint.getHost() == null || !("https".equals(endpoint.getScheme()) || "http".equals(endpoint.getScheme()))) {
            throw new Env.BadSetting(ADMIN_ENDPOINT + "=" + value + ": expected http://HOST:PORT (the emulator) or https://HOST");
        }
        if ("http".equals(endpoint.getScheme()) && !emulator) {
            throw new Env.BadSetting(ADMIN_ENDPOINT + "=" + value + ": plain HTTP would carry the SAS token in clear, and "
                    + CONNECTION + " is not the emulator's (no UseDevelopmentEmulator=true)");
        }
        return endpoint;
    }
}
