package io.cloudscale.probes.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Against this machine's real /proc: the test's own JVM is the listener to find. */
class HostListenersTest {

    @Test
    void namesThisProcessAsTheListener() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));

            List<HostListener> listeners = new HostListeners().listeningOn(socket.getLocalPort());

            assertEquals(1, listeners.size(), listeners.toString());
            ProcessInfo owner = listeners.getFirst().owner().orElseThrow();
            assertEquals(ProcessHandle.current().pid(), owner.pid());
            assertTrue(owner.program().equals("java"), owner.commandLine());
            assertEquals(System.getProperty("user.name"), owner.user());
        }
    }

    @Test
    void aListenerBehindTheFirstHundredFileDescriptorsIsStillNamed() throws IOException {
        List<java.io.InputStream> held = new java.util.ArrayList<>();
        try {
            // each open takes the lowest free descriptor: after 200, every free one below 200 is taken
            for (int i = 0; i < 200; i++) {
                held.add(java.nio.file.Files.newInputStream(java.nio.file.Path.of("/dev/null")));
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));

                List<HostListener> listeners = new HostListeners().listeningOn(socket.getLocalPort());

                assertEquals(1, listeners.size(), listeners.toString());
                assertEquals(ProcessHandle.current().pid(), listeners.getFirst().owner().orElseThrow().pid());
            }
        } finally {
            for (java.io.InputStream in : held) {
                in.close();
            }
        }
    }

    @Test
    void nothingListensOnAClosedPort() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        assertEquals(List.of(), new HostListeners().listeningOn(port));
    }

    @Test
    void flagValuesComeFromTheArgumentList() {
        ProcessInfo proxy = new ProcessInfo(1, List.of("/usr/sbin/docker-proxy", "-proto", "tcp", "-host-ip", "0.0.0.0", "-host-port", "8081",
                "-container-ip", "172.17.0.2", "-container-port", "8081"), "root");

        assertEquals("docker-proxy", proxy.program());
        assertEquals("172.17.0.2", proxy.flagValue("-container-ip").orElseThrow());
        assertEquals("8081", proxy.flagValue("-host-port").orElseThrow());
    }
}
