package io.cloudscale.probes.host;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Optional;

/**
 * Asks the kernel directly whether a TCP port can be bound on all interfaces, the way the engine
 * will ask when it publishes the port. This sees holders that lsof cannot (an engine without the
 * userland proxy binds in dockerd itself).
 */
public final class PortBindTest {

    /** Empty when the port is free; otherwise the kernel's reason. */
    public Optional<String> whyUnavailable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // as the engine binds (Go listeners set SO_REUSEADDR): a listener still blocks the port, while
            // TIME_WAIT leftovers of closed connections, which would not stop the engine, do not count
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}
