package io.cloudscale.stack.endpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudscale.core.CloudscaleException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackEndpointsTest {

    @TempDir
    Path stackDir;

    @Test
    void defaultsAreTheOfflineProfiles() {
        StackEndpoints endpoints = StackEndpoints.load(stackDir, Map.of());
        assertEquals("http://127.0.0.1:8080/nginx_status", endpoints.gatewayStatus().toString());
        assertEquals("amqp://guest:guest@127.0.0.1:5672", endpoints.amqp().toString());
        assertEquals("http://127.0.0.1:8080/api/events", endpoints.ingest().toString());
    }

    @Test
    void theStoresEndpointIsReadWhenSetAndANonUrlIsAUsageErrorNamingIt() {
        assertEquals(null, StackEndpoints.load(stackDir, Map.of()).cosmosEndpoint());
        assertEquals("cloudscale.documents.azure.com",
                StackEndpoints.load(stackDir, Map.of("COSMOS_ENDPOINT", "https://cloudscale.documents.azure.com:443/")).cosmosEndpoint().getHost());
        var bad = assertThrows(CloudscaleException.Usage.class, () -> StackEndpoints.load(stackDir, Map.of("COSMOS_ENDPOINT", "cosmos:8081")));
        assertTrue(bad.getMessage().startsWith("COSMOS_ENDPOINT='cosmos:8081' is not a URL"), bad.getMessage());
    }

    @Test
    void aPasswordMayHoldAnyCharacter() {
        StackEndpoints endpoints = StackEndpoints.load(stackDir, Map.of("RABBITMQ_PASSWORD", "p@ss\\word %"));
        assertEquals("guest:p@ss\\word %", endpoints.amqp().getUserInfo());
        assertEquals("127.0.0.1", endpoints.amqp().getHost());
    }

    @Test
    void aHostOrPathNoUriCanHoldIsAUsageErrorNamingItsVariable() {
        var host = assertThrows(CloudscaleException.Usage.class,
                () -> StackEndpoints.load(stackDir, Map.of("CLOUDSCALE_HOST", "local host\n")));
        assertTrue(host.getMessage().startsWith("CLOUDSCALE_HOST='local host\\n'"), host.getMessage());
        assertThrows(CloudscaleException.Usage.class, () -> StackEndpoints.load(stackDir, Map.of("CLOUDSCALE_HOST", "127zzc#$0.0.1")));
        assertEquals("::1", StackEndpoints.load(stackDir, Map.of("CLOUDSCALE_HOST", "::1")).cosmosHost());
        var path = assertThrows(CloudscaleException.Usage.class,
                () -> StackEndpoints.load(stackDir, Map.of("GATEWAY_STATUS_PATH", "nginx_status")));
        assertTrue(path.getMessage().startsWith("GATEWAY_STATUS_PATH='nginx_status' is not a path"), path.getMessage());
        assertFalse(path.getMessage().contains("\n"));
    }
}
