package io.cloudscale.probes.kubernetes;

import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kubelet's end of {@code pods/portforward}, in front of fabric8's mock API server, which has none: the upgrade to a
 * websocket, then the streaming protocol (v4.channel.k8s.io) as the kubelet speaks it. The first frame of each
 * channel names the port (channel 0 data, channel 1 errors; two bytes, little-endian), then every frame on channel 0
 * carries bytes of one TCP connection to the pod's port, which here is a real local endpoint the test names per pod
 * and port. A pod and port with no endpoint answer as the kubelet does when nothing listens: a message on the error
 * channel, and the stream closed.
 */
public final class KubeletPortForward {

    private static final Pattern PORT_FORWARD = Pattern.compile("^/api/v1/namespaces/[^/]+/pods/([^/?]+)/portforward\\?(?:.*&)?ports=(\\d+)");

    private final Map<String, InetSocketAddress> endpoints = new ConcurrentHashMap<>();
    private final Map<String, Integer> refused = new ConcurrentHashMap<>();
    private final List<String> forwarded = new CopyOnWriteArrayList<>();

    /** What listens on {@code port} of {@code pod}, as the kubelet would reach it; null: nothing does. */
    public void listen(String pod, int port, InetSocketAddress endpoint) {
        if (endpoint == null) {
            endpoints.remove(pod + ":" + port);
        } else {
            endpoints.put(pod + ":" + port, endpoint);
        }
    }

    /** The API server refuses every port-forward to {@code pod} with {@code code}, as RBAC (403) would. */
    public void refuse(String pod, int code) {
        refused.put(pod, code);
    }

    /** Each stream opened, as POD:PORT, in order. */
    public List<String> forwarded() {
        return List.copyOf(forwarded);
    }

    public boolean handles(RecordedRequest request) {
        return "GET".equals(request.getMethod()) && PORT_FORWARD.matcher(request.getPath()).find();
    }

    public MockResponse answer(RecordedRequest request) {
        Matcher matcher = PORT_FORWARD.matcher(request.getPath());
        if (!matcher.find()) {
            throw new IllegalArgumentException("not a port-forward: " + request.getPath());
        }
        String pod = matcher.group(1);
        int port = Integer.parseInt(matcher.group(2));
        forwarded.add(pod + ":" + port);
        Integer code = refused.get(pod);
        if (code != null) {
            return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(("""
                    {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \"%s\" is forbidden: cannot create resource \"pods/portforward\"","reason":"Forbidden","code":%d}"""
                    .formatted(pod, code)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return new MockResponse().setHeader("Sec-WebSocket-Protocol", "v4.channel.k8s.io")
                .withWebSocketUpgrade(new Stream(port, endpoints.get(pod + ":" + port)));
    }

    private static final class Stream extends WebSocketListener {
        private final int port;
        private final InetSocketAddress endpoint;
        private volatile Socket connection;

        Stream(int port, InetSocketAddress endpoint) {
            this.port = port;
            this.endpoint = endpoint;
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            byte low = (byte) (port & 0xff);
            byte high = (byte) ((port >> 8) & 0xff);
            webSocket.send(new byte[] {0, low, high});
            webSocket.send(new byte[] {1, low, high});
            try {
                if (endpoint == null) {
                    throw new IOException("connection refused");
                }
                connection = new Socket(endpoint.getAddress(), endpoint.getPort());
            } catch (IOException e) {
                byte[] message = ("an error occurred forwarding " + port + ": " + e.getMessage()).getBytes();
                byte[] frame = new byte[message.length + 1];
                frame[0] = 1;
                System.arraycopy(message, 0, frame, 1, message.length);
                webSocket.send(frame);
                webSocket.close(1000, "");
                return;
            }
            Thread.ofVirtual().start(() -> pump(webSocket));
        }

        private void pump(WebSocket webSocket) {
            byte[] buffer = new byte[8192];
            try (InputStream in = connection.getInputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    byte[] frame = new byte[read + 1];
                    System.arraycopy(buffer, 0, frame, 1, read);
                    webSocket.send(frame);
                }
            } catch (IOException closed) {
                // the test's endpoint or the client went away: the stream ends either way
            }
            webSocket.close(1000, "");
        }

        @Override
        public void onMessage(WebSocket webSocket, ByteString bytes) {
            onMessage(webSocket, bytes.toByteArray());
        }

        @Override
        public void onMessage(WebSocket webSocket, byte[] frame) {
            if (frame.length < 2 || frame[0] != 0 || connection == null) {
                return;
            }
            try {
                OutputStream out = connection.getOutputStream();
                out.write(Arrays.copyOfRange(frame, 1, frame.length));
                out.flush();
            } catch (IOException e) {
                webSocket.close(1011, "the pod's port went away");
            }
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            close();
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
            close();
        }

        private void close() {
            Socket socket = connection;
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing is all that is left to do
                }
            }
        }
    }
}
