package io.cloudscale.probes.docker;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real unix socket where a Docker engine would be, that accepts connections and then stalls:
 * either it never answers, or it answers the head of a response and half its body, then nothing.
 */
public final class StalledEngine implements AutoCloseable {

    public enum Behaviour { SILENT, HALF_ANSWER }

    private final Path socket;
    private final ServerSocketChannel server;
    private final List<SocketChannel> accepted = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private StalledEngine(Path socket, ServerSocketChannel server, Behaviour behaviour) {
        this.socket = socket;
        this.server = server;
        this.acceptor = Thread.ofPlatform().daemon().name("stalled-engine").start(() -> serve(behaviour));
    }

    public static StalledEngine start(Path dir, Behaviour behaviour) throws IOException {
        Path socket = dir.resolve("docker.sock");
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return new StalledEngine(socket, server, behaviour);
    }

    public String host() {
        return "unix://" + socket;
    }

    private void serve(Behaviour behaviour) {
        try {
            while (true) {
                SocketChannel connection = server.accept();
                accepted.add(connection);
                if (behaviour == Behaviour.HALF_ANSWER) {
                    connection.read(ByteBuffer.allocate(8192));
                    connection.write(ByteBuffer.wrap(("HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Type: text/plain\r\n"
                            + "Content-Length: 200\r\n\r\nOK, and then").getBytes(StandardCharsets.US_ASCII)));
                }
            }
        } catch (IOException closed) {
            // the test is over
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
        for (SocketChannel connection : accepted) {
            connection.close();
        }
        Files.deleteIfExists(socket);
    }
}
