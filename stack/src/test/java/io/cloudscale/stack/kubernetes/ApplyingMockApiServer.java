package io.cloudscale.stack.kubernetes;

import io.cloudscale.probes.kubernetes.TestKubeconfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cloudscale.probes.kubernetes.KubeletPortForward;
import io.cloudscale.probes.kubernetes.KubernetesApi;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * fabric8's mock API server in CRUD mode (with its expectations first, as {@code @EnableKubernetesMockClient(crud = true)}),
 * taught server-side apply. The mock answers an apply (PATCH, {@code application/apply-patch+yaml}) with 404 for an
 * object it does not hold and 415 for one it does; here each apply is recorded as the client sent it, then carried
 * out as a create (absent) or a JSON merge patch (present). Unlike a real API server it keeps fields the applied
 * object no longer names, and it has no notion of field managers, so conflicts are not modelled: the recorded
 * requests are what shows the field manager and whether conflicts were forced.
 */
public final class ApplyingMockApiServer implements AutoCloseable {

    public static final String APPLY_PATCH = "application/apply-patch+yaml";

    /** One server-side apply as the client sent it. */
    public record Apply(String path, String query, String contentType, JsonNode object) {
        public String fieldManager() {
            return parameter("fieldManager");
        }

        public boolean forced() {
            return "true".equals(parameter("force"));
        }

        private String parameter(String name) {
            for (String pair : query.split("&")) {
                if (pair.startsWith(name + "=")) {
                    return pair.substring(name.length() + 1);
                }
            }
            return null;
        }
    }

    /** A request the tool made (through {@link #api}), not the test playing the cluster: for checking the README's Role. */
    public record Request(String method, String path, boolean apply) {
    }

    private static final YAMLMapper YAML = new YAMLMapper();
    /** The user agent of the clients {@link #api} gives, which tells the tool's requests from the test's own. */
    private static final String UNDER_TEST = "cloudscale-under-test";

    private final Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
    private final KubernetesMixedDispatcher crud = new KubernetesMixedDispatcher(expectations);
    private final List<Apply> applies = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, MockResponse> refusals = new java.util.concurrent.ConcurrentHashMap<>();
    private final KubeletPortForward kubelet = new KubeletPortForward();
    private final KubernetesMockServer server;
    private final KubernetesClient client;

    public ApplyingMockApiServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations, new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (UNDER_TEST.equals(request.getHeader("User-Agent"))) {
                    requests.add(new Request(request.getMethod(), request.getPath(), isApply(request)));
                }
                if (kubelet.handles(request)) {
                    return kubelet.answer(request);
                }
                return isApply(request) ? apply(request) : crud.dispatch(request);
            }
        }, false);
        server.init();
        client = server.createClient();
    }

    /** The mock itself: its expectations for what CRUD mode cannot serve (a pod's log, an error answer). */
    public KubernetesMockServer server() {
        return server;
    }

    /** The kubelet's end of the port-forwards the tool opens. */
    public KubeletPortForward kubelet() {
        return kubelet;
    }

    /** A client of the test's own, playing the kubelet and the controllers. */
    public KubernetesClient client() {
        return client;
    }

    public KubernetesApi api(String namespace, Duration deadline) {
        return KubernetesApi.using(new io.fabric8.kubernetes.client.ConfigBuilder(client.getConfiguration()).withUserAgent(UNDER_TEST).build(),
                namespace, deadline, "mock API server, namespace " + namespace);
    }

    /** Answers every apply of the object at {@code path} with a Status of {@code code}, as an API server refusing it. */
    public void refuseApply(String path, int code, String reason, String message) {
        refusals.put(path, new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody("""
                {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":%s,"reason":"%s","code":%d}"""
                .formatted(com.fasterxml.jackson.databind.node.TextNode.valueOf(message).toString(), reason, code)));
    }

    /** Every request the tool made, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Apply> applies() {
        return List.copyOf(applies);
    }

    private static boolean isApply(RecordedRequest request) {
        String type = request.getHeader("Content-Type");
        return "PATCH".equals(request.getMethod()) && type != null && type.startsWith(APPLY_PATCH);
    }

    private MockResponse apply(RecordedRequest request) {
        String[] pathAndQuery = request.getPath().split("\\?", 2);
        String path = pathAndQuery[0];
        JsonNode object;
        try {
            object = YAML.readTree(request.getBody().readUtf8());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        applies.add(new Apply(path, pathAndQuery.length > 1 ? pathAndQuery[1] : "", request.getHeader("Content-Type"), object));
        MockResponse refusal = refusals.get(path);
        if (refusal != null) {
            return refusal;
        }
        String json = object.toString();
        boolean exists = crud.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.GET, path, Headers.builder().build(), new Buffer())).code() == 200;
        return exists
                ? crud.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.PATCH, path, json("application/merge-patch+json"), body(json)))
                : crud.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.POST, path.substring(0, path.lastIndexOf('/')), json("application/json"), body(json)));
    }

    private static Headers json(String type) {
        return Headers.builder().add("Content-Type", type).build();
    }

    private static Buffer body(String text) {
        return new Buffer(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A kubeconfig whose one context, {@code mock}, is this server. */
    public String kubeconfig() {
        return TestKubeconfig.yaml("mock", new TestKubeconfig.Context("mock", client.getConfiguration().getMasterUrl()));
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
