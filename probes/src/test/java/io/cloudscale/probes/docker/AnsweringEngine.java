package io.cloudscale.probes.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real unix socket where a Docker engine would be, that answers its ping as an engine does and every other request
 * with one fixed answer: an engine's error, or something that is not an engine's answer at all.
 */
final class AnsweringEngine implements AutoCloseable {

    private final Path socket;
    private final ServerSocketChannel server;

    private AnsweringEngine(Path socket, ServerSocketChannel server) {
        this.socket = socket;
        this.server = server;
    }

    static AnsweringEngine start(Path dir, int status, String contentType, String body) throws IOException {
        Path socket = dir.resolve("docker.sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        AnsweringEngine engine = new AnsweringEngine(socket, server);
        Thread.ofPlatform().daemon().name("answering-engine").start(() -> engine.accept(status, contentType, body));
        return engine;
    }

    String host() {
        return "unix://" + socket;
    }

    private void accept(int status, String contentType, String body) {
        try {
            while (true) {
                SocketChannel connection = server.accept();
                Thread.ofPlatform().daemon().start(() -> serve(connection, status, contentType, body));
            }
        } catch (IOException closed) {
            // the test is over
        }
    }

    private static void serve(SocketChannel connection, int status, String contentType, String body) {
        try (connection; InputStream in = Channels.newInputStream(connection); OutputStream out = Channels.newOutputStream(connection)) {
            String head;
            while (!(head = head(in)).isEmpty()) {
                boolean ping = head.startsWith("GET /_ping ");
                byte[] bytes = (ping ? "OK" : body).getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 %d Answer\r\nApi-Version: 1.41\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n"
                        .formatted(ping ? 200 : status, ping ? "text/plain" : contentType, bytes.length)).getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.flush();
            }
        } catch (IOException gone) {
            // the client closed its connection
        }
    }

    /** A request's head up to its blank line; empty when the connection closed first. */
    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            if (head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                return head.toString(StandardCharsets.US_ASCII);
            }
        }
        return "";
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
    }
}
