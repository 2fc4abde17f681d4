package io.cloudscale.probes.host;

import java.util.Optional;

/** A listening socket on a port and, when /proc lets us see it, the process that owns it. */
public record HostListener(TcpSocket socket, Optional<ProcessInfo> owner) {
}
