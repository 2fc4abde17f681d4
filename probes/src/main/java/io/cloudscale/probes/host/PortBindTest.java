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
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(port));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}
