package io.cloudscale.cli;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * A unix socket in front of the real Docker engine that forwards every byte both ways, until a request whose
 * line (and headers) match {@code stallAt} passes: the rest of that request is held, never forwarded, so it is never
 * answered, and {@link #stalled()} completes.
 * The client is then caught inside that exact call, the moment a test wants to SIGKILL it.
 */
final class StallingEngineProxy implements AutoCloseable {

    private final Path socket;
    private final Path engine;
    private final Pattern stallAt;
    private final ServerSocketChannel server;
    private final CompletableFuture<String> stalled = new CompletableFuture<>();
    private final List<SocketChannel> open = new CopyOnWriteArrayList<>();

    StallingEngineProxy(Path socket, Path engine, Pattern stallAt) throws IOException {
        this.socket = socket;
        this.engine = engine;
        this.stallAt = stallAt;
        Files.deleteIfExists(socket);
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread.ofPlatform().daemon().name("engine-proxy").start(this::accept);
    }

    String host() {
        return "unix://" + socket;
    }

    /** Completes with the request line once the stalled request arrived. */
    CompletableFuture<String> stalled() {
        return stalled;
    }

    private void accept() {
        try {
            while (true) {
                SocketChannel client = server.accept();
                SocketChannel upstream = SocketChannel.open(UnixDomainSocketAddress.of(engine));
                open.add(client);
                open.add(upstream);
                Thread.ofPlatform().daemon().start(() -> pipe(client, upstream, true));
                Thread.ofPlatform().daemon().start(() -> pipe(upstream, client, false));
            }
        } catch (IOException closed) {
            // the test is over
        }
    }

    private void pipe(SocketChannel from, SocketChannel to, boolean requests) {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        // a request's line and headers may come in several writes: match on what came lately, not one read
        StringBuilder recent = new StringBuilder();
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                if (requests) {
                    recent.append(StandardCharsets.ISO_8859_1.decode(buffer.duplicate()));
                    if (recent.length() > 16 * 1024) {
                        recent.delete(0, recent.length() - 16 * 1024);
                    }
                    var line = stallAt.matcher(recent);
                    if (line.find()) {
                        stalled.complete(line.group());
                        return; // held: neither forwarded nor answered
                    }
                }
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
        } catch (IOException closed) {
            // one side went away
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (SocketChannel channel : open) {
            channel.close();
        }
        Files.deleteIfExists(socket);
    }
}
