package io.cloudscale.stack.endpoints;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.OneLine;
import io.cloudscale.core.Secrets;
import io.cloudscale.stack.ports.EnvFile;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the tool reaches the running platform from the host, read as compose reads the stack: the
 * process environment over the stack's .env over the platform's defaults (the offline profile's).
 *
 * @param cosmosEndpoint {@code COSMOS_ENDPOINT}, the store's endpoint as the services use it; null when unset. The
 *                       compose target reaches its store at {@code cosmosHost}:{@code cosmosPort}; the kubernetes target
 *                       has only this to reach a store outside the cluster.
 */
public record StackEndpoints(URI gatewayStatus, String queueBackend, URI amqp, String serviceBusConnection, Integer serviceBusAdminPort,
                             String queue, String deadLetterQueue, String cosmosHost, int cosmosPort, String cosmosKey,
                             String cosmosDatabase, String cosmosContainer, URI dashboardSummary, URI cosmosEndpoint) {

    public static final String GATEWAY = "gateway";
    public static final String INGESTION_API = "ingestion-api";
    public static final String EVENT_PROCESSOR = "event-processor";
    public static final String COSMOS = "cosmos";
    public static final String DASHBOARD = "dashboard";
    /** The names the stack's manifests give the ports read inside a cluster: the gateway's and the dashboard's, the store's, the broker's. */
    public static final String HTTP_PORT = "http";
    public static final String STORE_PORT = "https";
    public static final String BROKER_PORT = "amqp";

    /** The compose service of the queue broker the stack runs, by backend; a cloud Service Bus has none. */
    public String brokerService() {
        return "servicebus".equals(queueBackend) ? "servicebus" : "rabbitmq";
    }

    /** The Cosmos DB emulator's published, well-known key (not a secret; redacted in output all the same). */
    static final String EMULATOR_KEY = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    private static int port(Map<String, String> values, String key, String fallback) {
        String value = values.getOrDefault(key, fallback);
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CloudscaleException.Usage(key + "='" + OneLine.of(value) + "' is not a port", "fix it in the stack's .env or the environment");
    }

    /**
     * scheme://[user:password@]host:port[path], the user and password percent-encoded (a password may hold any
     * character); a host or path no URI can hold is the operator's to fix, named by its variable.
     */
    private static URI uri(String scheme, String userInfo, Map<String, String> values, int port, String path, String pathKey) {
        String host = values.getOrDefault("CLOUDSCALE_HOST", "127.0.0.1");
        URI uri;
        try {
            uri = new URI(scheme, userInfo, host, port, path, null, null);
        } catch (URISyntaxException e) {
            uri = null;
        }
        // URI quotes what it can and parses the rest: a host that is not read back whole (a '#' in it, say) is no host
        if (uri == null || uri.getHost() == null || !bare(uri.getHost()).equalsIgnoreCase(bare(host))) {
            if (pathKey != null && !path.startsWith("/")) {
                throw new CloudscaleException.Usage(pathKey + "='" + OneLine.of(path) + "' is not a path (like /nginx_status)",
                        "fix it in the stack's .env or the environment");
            }
            throw new CloudscaleException.Usage("CLOUDSCALE_HOST='" + OneLine.of(host) + "' is not a host name or IP address",
                    "fix it in the stack's .env or the environment");
        }
        return uri;
    }

    /** An IPv6 address without the brackets a URI puts around it. */
    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** An absolute URL with a host, or null when the setting is absent. */
    private static URI endpoint(Map<String, String> values, String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(value.strip());
            if (uri.getScheme() != null && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new CloudscaleException.Usage(key + "='" + OneLine.of(value) + "' is not a URL (like https://ACCOUNT.documents.azure.com:443/)",
                "fix it in the stack's .env or the environment");
    }

    /** Where clients post events: the ingestion endpoint through the gateway. */
    public URI ingest() {
        return URI.create("http://" + gatewayStatus.getHost() + ":" + gatewayStatus.getPort() + "/api/events");
    }

    public static StackEndpoints load(Path stackDir, Map<String, String> environment) {
        Map<String, String> values = new HashMap<>();
        try {
            values.putAll(new EnvFile(stackDir.resolve(".env")).values());
        } catch (IOException e) {
            throw new CloudscaleException.Usage("cannot read " + stackDir.resolve(".env") + ": "
                    + (e instanceof CharacterCodingException ? "it is not UTF-8 text" : OneLine.of(e.getMessage())), null);
        }
        values.putAll(environment);
        Secrets.rememberFrom(values);
        Secrets.remember(EMULATOR_KEY);
        String host = values.getOrDefault("CLOUDSCALE_HOST", "127.0.0.1");
        String backend = values.getOrDefault("QUEUE_BACKEND", values.containsKey("SERVICEBUS_CONNECTION_STRING") ? "servicebus" : "rabbitmq");
        return new StackEndpoints(
                uri("http", null, values, port(values, "GATEWAY_PORT", "8080"), values.getOrDefault("GATEWAY_STATUS_PATH", "/nginx_status"),
                        "GATEWAY_STATUS_PATH"),
                backend,
                uri("amqp", values.getOrDefault("RABBITMQ_USER", "guest") + ":" + values.getOrDefault("RABBITMQ_PASSWORD", "guest"),
                        values, port(values, "RABBITMQ_PORT", "5672"), "", null),
                values.get("SERVICEBUS_CONNECTION_STRING"),
                values.containsKey("SERVICEBUS_ADMIN_PORT") ? port(values, "SERVICEBUS_ADMIN_PORT", "5300") : null,
                values.getOrDefault("QUEUE_NAME", "events"),
                values.getOrDefault("DEAD_LETTER_QUEUE_NAME", values.getOrDefault("QUEUE_NAME", "events") + ".dlq"),
                host,
                port(values, "COSMOS_PORT", "8082"),
                values.getOrDefault("COSMOS_KEY", EMULATOR_KEY),
                values.getOrDefault("COSMOS_DATABASE", "cloudscale"),
                values.getOrDefault("COSMOS_CONTAINER", "events"),
                uri("http", null, values, port(values, "DASHBOARD_PORT", "8081"), "/summary", null),
                endpoint(values, "COSMOS_ENDPOINT"));
    }
}
