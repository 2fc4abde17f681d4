package io.cloudscale.probes.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Against files captured from this machine's /proc while known sockets listened. */
class ProcNetTcpTest {

    private static List<TcpSocket> capture(String name) throws IOException {
        try (InputStream in = ProcNetTcpTest.class.getResourceAsStream("/proc/" + name)) {
            return ProcNetTcp.parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void ipv4ListenersAndAnEstablishedConnection() throws IOException {
        // python bound 127.0.0.1:35377; sshd-like 0.0.0.0:2024; one outgoing connection
        List<TcpSocket> sockets = capture("tcp-listeners");

        assertEquals(3, sockets.size(), "header skipped");
        TcpSocket any = sockets.get(0);
        assertEquals("0.0.0.0:2024", any.endpoint());
        assertTrue(any.listening());
        assertEquals(1597, any.inode());
        TcpSocket loopback = sockets.get(1);
        assertEquals("127.0.0.1:35377", loopback.endpoint());
        assertEquals(48527, loopback.inode());
        TcpSocket established = sockets.get(2);
        assertEquals("192.0.2.2:46288", established.endpoint());
        assertEquals(false, established.listening());
    }

    @Test
    void ipv6LoopbackAnyAndV4Mapped() throws IOException {
        List<TcpSocket> sockets = capture("tcp6-listeners");

        assertEquals("[::1]:49117", sockets.get(0).endpoint());
        assertEquals("[::]:48971", sockets.get(1).endpoint());
        assertEquals("[::ffff:127.0.0.1]:56895", sockets.get(2).endpoint());
        assertEquals(48525, sockets.get(2).inode());
        assertTrue(sockets.stream().allMatch(TcpSocket::listening));
    }

    @Test
    void dockerPublishedPortsOnBothFamilies() throws IOException {
        // docker-proxy on 18081 (v4 and v6); dockerd itself on 18091 with --userland-proxy=false
        List<TcpSocket> v4 = capture("tcp-docker");
        List<TcpSocket> v6 = capture("tcp6-docker");

        assertEquals(List.of(18091, 18081), v4.stream().map(TcpSocket::localPort).toList());
        assertEquals("[::]:18081", v6.getFirst().endpoint());
        assertEquals(0, v6.getFirst().uid());
    }
}
