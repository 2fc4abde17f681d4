package io.cloudscale.probes.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/** fabric8's mock API server in CRUD mode, with the kubelet's port-forward in front ({@link KubeletPortForward}). */
public final class ForwardingMockApiServer implements AutoCloseable {

    private final Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
    private final KubernetesMixedDispatcher crud = new KubernetesMixedDispatcher(expectations);
    private final KubeletPortForward kubelet = new KubeletPortForward();
    private final KubernetesMockServer server;
    private final KubernetesClient client;

    public ForwardingMockApiServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations, new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return kubelet.handles(request) ? kubelet.answer(request) : crud.dispatch(request);
            }
        }, false);
        server.init();
        client = server.createClient();
    }

    /** A client of the test's own, playing the kubelet and the controllers. */
    public KubernetesClient client() {
        return client;
    }

    public KubeletPortForward kubelet() {
        return kubelet;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
