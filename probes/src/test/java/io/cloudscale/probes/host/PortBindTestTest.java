package io.cloudscale.probes.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PortBindTestTest {

    private final PortBindTest test = new PortBindTest();

    @Test
    void aListeningSocketMakesThePortUnavailable() throws IOException {
        try (ServerSocket holder = new ServerSocket()) {
            holder.bind(new InetSocketAddress(0));
            Optional<String> reason = test.whyUnavailable(holder.getLocalPort());

            assertTrue(reason.isPresent());
            assertTrue(reason.get().contains("Address already in use"), reason.get());
        }
    }

    @Test
    void aReleasedPortIsFreeAgain() throws IOException {
        int port;
        try (ServerSocket holder = new ServerSocket()) {
            holder.bind(new InetSocketAddress(0));
            port = holder.getLocalPort();
        }
        assertEquals(Optional.empty(), test.whyUnavailable(port));
    }
}
