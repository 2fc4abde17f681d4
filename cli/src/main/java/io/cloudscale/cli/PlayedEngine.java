package io.cloudscale.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.URLDecoder;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Docker engine played on a unix socket for the AOT training, answering what the read-only commands ask
 * (ping, version, info, the containers listed and inspected, their logs, the networks) with what a real engine
 * answered about the running offline stack ({@code training-engine.json}, captured by
 * {@code bin/capture-training-engine}). The cache then holds what `status`, `ports check` and `doctor` load when an
 * engine answers, whether or not one ran while the cache was made. Training only: it reads no request body and
 * answers every other request 404.
 */
final class PlayedEngine implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] LOG_LINES = """
            2026-12-02T10:00:00.000000000Z 172.18.0.1 - - [02/Dec/2026:10:00:00 +0000] "POST /api/events HTTP/1.1" 202 0
            2026-12-02T10:00:01.000000000Z {"level":"INFO","message":"stored event"}
            """.getBytes(StandardCharsets.UTF_8);

    private final JsonNode captured;
    private final Path socket;
    private final ServerSocketChannel server;

    private PlayedEngine(JsonNode captured, Path socket, ServerSocketChannel server) {
        this.captured = captured;
        this.socket = socket;
        this.server = server;
    }

    static PlayedEngine start(Path socket) throws IOException {
        JsonNode captured;
        try (InputStream in = PlayedEngine.class.getResourceAsStream("training-engine.json")) {
            if (in == null) {
                throw new IOException("training-engine.json is not in the jar");
            }
            captured = JSON.readTree(in);
        }
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        PlayedEngine engine = new PlayedEngine(captured, socket, server);
        Thread.ofVirtual().name("played-engine").start(engine::accept);
        return engine;
    }

    /** DOCKER_HOST for the commands that should find this engine. */
    String dockerHost() {
        return "unix://" + socket;
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel connection = server.accept();
                Thread.ofVirtual().start(() -> serve(connection));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(SocketChannel connection) {
        try (connection; InputStream in = Channels.newInputStream(connection); OutputStream out = Channels.newOutputStream(connection)) {
            Optional<String> target;
            while ((target = requestTarget(in)).isPresent()) {
                answer(target.get(), out);
            }
        } catch (IOException gone) {
            // the client closed its connection
        }
    }

    /** The request line's target; the headers are read and dropped (the commands trained send no bodies). */
    private static Optional<String> requestTarget(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        if (matched < 4) {
            return Optional.empty();
        }
        String[] requestLine = head.toString(StandardCharsets.ISO_8859_1).lines().findFirst().orElse("").split(" ");
        return Optional.of(requestLine.length > 1 ? requestLine[1] : "/");
    }

    private void answer(String target, OutputStream out) throws IOException {
        String path = target.replaceFirst("^/v[0-9.]+/", "/");
        String query = path.contains("?") ? path.substring(path.indexOf('?') + 1) : "";
        path = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        String[] parts = path.split("/");
        if (path.equals("/_ping")) {
            respond(out, 200, "text/plain; charset=utf-8", "OK".getBytes(StandardCharsets.UTF_8));
        } else if (path.equals("/version") || path.equals("/info")) {
            json(out, captured.get(parts[1]));
        } else if (path.equals("/containers/json")) {
            ArrayNode listed = JSON.createArrayNode();
            containers().filter(container -> labelled(container.get("listed"), query)).forEach(container -> listed.add(container.get("listed")));
            json(out, listed);
        } else if (parts.length == 4 && parts[1].equals("containers") && parts[3].equals("json")) {
            Optional<JsonNode> container = container(parts[2]);
            if (container.isPresent()) {
                json(out, container.get().get("inspected"));
            } else {
                notFound(out, "No such container: " + parts[2]);
            }
        } else if (parts.length == 4 && parts[1].equals("containers") && parts[3].equals("logs")) {
            respond(out, 200, "application/vnd.docker.raw-stream", stdoutFrame(LOG_LINES));
        } else if (path.equals("/networks")) {
            ArrayNode listed = JSON.createArrayNode();
            captured.get("networks").forEach(network -> {
                if (labelled(network, query)) {
                    listed.add(network);
                }
            });
            json(out, listed);
        } else if (parts.length == 3 && parts[1].equals("networks")) {
            Optional<JsonNode> network = stream(captured.get("networks"))
                    .filter(candidate -> candidate.get("Id").asText().startsWith(parts[2]) || candidate.get("Name").asText().equals(parts[2])).findFirst();
            if (network.isPresent()) {
                json(out, network.get());
            } else {
                notFound(out, "network " + parts[2] + " not found");
            }
        } else {
            notFound(out, "page not found");
        }
    }

    private java.util.stream.Stream<JsonNode> containers() {
        return stream(captured.get("containers"));
    }

    private Optional<JsonNode> container(String idOrName) {
        return containers().filter(container -> {
            JsonNode inspected = container.get("inspected");
            return inspected.get("Id").asText().startsWith(idOrName) || inspected.get("Name").asText().equals("/" + idOrName);
        }).findFirst();
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> nodes = new ArrayList<>();
        array.forEach(nodes::add);
        return nodes.stream();
    }

    /** Whether the object carries every {@code label} filter of the query's {@code filters} parameter. */
    private static boolean labelled(JsonNode object, String query) {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                parameters.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        if (!parameters.containsKey("filters")) {
            return true;
        }
        try {
            JsonNode labels = Optional.ofNullable(object.get("Labels")).orElse(JSON.createObjectNode());
            for (JsonNode wanted : Optional.ofNullable(JSON.readTree(parameters.get("filters")).get("label")).orElse(JSON.createArrayNode())) {
                String[] keyValue = wanted.asText().split("=", 2);
                JsonNode actual = labels.get(keyValue[0]);
                if (actual == null || (keyValue.length == 2 && !actual.asText().equals(keyValue[1]))) {
                    return false;
                }
            }
            return true;
        } catch (IOException malformed) {
            return false;
        }
    }

    /** One frame of the engine's multiplexed log stream: stream 1 (stdout), the payload's length big-endian. */
    private static byte[] stdoutFrame(byte[] payload) {
        byte[] frame = new byte[8 + payload.length];
        frame[0] = 1;
        frame[4] = (byte) (payload.length >>> 24);
        frame[5] = (byte) (payload.length >>> 16);
        frame[6] = (byte) (payload.length >>> 8);
        frame[7] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, 8, payload.length);
        return frame;
    }

    private static void json(OutputStream out, JsonNode body) throws IOException {
        respond(out, 200, "application/json", JSON.writeValueAsBytes(body));
    }

    private static void notFound(OutputStream out, String message) throws IOException {
        respond(out, 404, "application/json", JSON.writeValueAsBytes(JSON.createObjectNode().put("message", message)));
    }

    private static void respond(OutputStream out, int status, String contentType, byte[] body) throws IOException {
        String head = "HTTP/1.1 %d %s\r\nApi-Version: 1.41\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n"
                .formatted(status, status == 200 ? "OK" : "Not Found", contentType, body.length);
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
    }
}
