package io.cloudscale.platform.store;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosClientBuilder;
import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosEndToEndOperationLatencyPolicyConfigBuilder;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.GatewayConnectionConfig;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudscale.platform.common.Json;
import io.cloudscale.platform.event.Event;
import com.azure.cosmos.models.PartitionKey;
import java.io.IOException;
import java.time.Clock;

/**
 * Azure Cosmos DB through the Java SDK in gateway mode: the emulator and {@code @vercel/cosmosdb-server}
 * both speak it. The client is made on first use, so the processor starts while the store is down and
 * the failures land in the circuit breaker instead of a crash loop. Partition key {@code /id}: events are
 * independent, and a point read by id is how anyone checks that one was stored.
 */
public final class CosmosEventStore implements EventStore {

    private final StoreSettings settings;
    private final Clock clock;
    private CosmosClient client;
    private volatile CosmosContainer container;

    public CosmosEventStore(StoreSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void upsert(Event event) throws StoreFailure {
        CosmosContainer target = container();
        ObjectNode document;
        try {
            document = (ObjectNode) Json.MAPPER.readTree(event.toJson());
        } catch (IOException e) {
            throw new StoreFailure("cannot encode event " + event.id(), false, e);
        }
        document.put("storedAt", clock.instant().toString());
        try {
            target.upsertItem(document, new PartitionKey(event.id()), null);
        } catch (CosmosException e) {
            if (e.getStatusCode() == 404) {
                // The database or container is gone (an emulator restarted empty, someone deleted it): make it
                // again on the next attempt instead of failing every event against a cached handle.
                container = null;
            }
            throw new StoreFailure("Cosmos DB refused event " + event.id() + ": " + describe(e), isTransient(e.getStatusCode()), e);
        } catch (RuntimeException e) {
            throw new StoreFailure("Cosmos DB call failed: " + e.getMessage(), true, e);
        }
    }

    /** 400 and 413 are this document's fault; everything else (401/403 keys, 408, 429, 5xx, TLS) is the store's. */
    static boolean isTransient(int status) {
        return status != 400 && status != 413;
    }

    private static String describe(CosmosException e) {
        String inner = e.getShortMessage();
        return "status " + e.getStatusCode() + (inner == null ? "" : ", " + inner.lines().findFirst().orElse(""));
    }

    private CosmosContainer container() throws StoreFailure {
        CosmosContainer ready = container;
        if (ready != null) {
            return ready;
        }
        synchronized (this) {
            if (container == null) {
                if (client != null) {
                    client.close();
                    client = null;
                }
                try {
                    CosmosClient made = new CosmosClientBuilder()
                            .endpoint(settings.endpoint().toString())
                            .key(settings.key())
                            .gatewayMode(new GatewayConnectionConfig())
                            // bounds each call, SDK retries included, so a sick store fails calls instead of hanging them
                            .endToEndOperationLatencyPolicyConfig(
                                    new CosmosEndToEndOperationLatencyPolicyConfigBuilder(settings.timeout()).build())
                            .endpointDiscoveryEnabled(false)
                            .buildClient();
                    made.createDatabaseIfNotExists(settings.database());
                    made.getDatabase(settings.database()).createContainerIfNotExists(settings.container(), "/id");
                    client = made;
                    container = made.getDatabase(settings.database()).getContainer(settings.container());
                } catch (RuntimeException e) {
                    throw new StoreFailure("Cosmos DB at " + settings.endpoint() + " unusable: " + rootCause(e), true, e);
                }
            }
            return container;
        }
    }

    private static String rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
