package io.cloudscale.stack.kubernetes;

import static io.cloudscale.probes.kubernetes.KubeletStatuses.container;
import static io.cloudscale.probes.kubernetes.KubeletStatuses.pod;
import static io.cloudscale.probes.kubernetes.KubeletStatuses.running;
import static io.cloudscale.probes.kubernetes.KubeletStatuses.terminated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cloudscale.probes.kubernetes.KubernetesPlatform;
import io.cloudscale.stack.lifecycle.UpResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Roles of stack/kubernetes/rbac/roles.yaml (the README's) against what the tool really asks of an API server:
 * up, every action and down run against the mock API server, each request the tool made is read as the API server's
 * authorizer reads it (API group, resource, subresource, verb), and each must be granted by cloudscale-operator; the
 * reading of the platform (pods, their logs) by cloudscale-reader, which must grant none of the writes.
 */
class RoleTest {

    private static final Path STACK = Path.of("").toAbsolutePath();
    private static final String NAMESPACE = "cloudscale";

    /** What the authorizer decides on: one verb on one resource (with its subresource) of one API group. */
    record Permission(String group, String resource, String verb) {
        @Override
        public String toString() {
            return verb + " " + (group.isEmpty() ? "" : group + "/") + resource;
        }
    }

    private ApplyingMockApiServer mock;

    @BeforeEach
    void start() {
        mock = new ApplyingMockApiServer();
    }

    @AfterEach
    void stop() {
        mock.close();
    }

    @Test
    void theOperatorRoleGrantsEveryRequestOfUpTheActionsAndDown() throws Exception {
        PlayedControllers controllers = new PlayedControllers(mock.client(), NAMESPACE);
        try (KubernetesStack stack = KubernetesStack.using(mock.api(NAMESPACE, Duration.ofSeconds(5)), STACK, Clock.systemUTC())) {
            CompletableFuture<UpResult> up = CompletableFuture.supplyAsync(() -> {
                try {
                    return stack.up(KubernetesOverlay.OFFLINE, Duration.ofSeconds(30), false, services -> { });
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, Thread::startVirtualThread);
            assertTrue(controllers.awaitDeployments(6, Duration.ofSeconds(20)));
            controllers.deployments().forEach(controllers::rolledOut);
            assertTrue(up.get(30, TimeUnit.SECONDS).healthy());

            KubernetesActions actions = stack.actions();
            controllers.whileReportingRollout("gateway", 1, () -> actions.restart("gateway", Duration.ofSeconds(10)));
            controllers.whileReportingRollout("dashboard", 0, () -> actions.stop("dashboard", Duration.ofSeconds(10)));
            controllers.whileReportingRollout("dashboard", 1, () -> actions.start("dashboard", Duration.ofSeconds(10)));
            KubernetesActions.EnvChange change = actions.envChange("event-processor", Map.of("COSMOS_ENDPOINT", "https://cosmos:1/"));
            controllers.whileReportingRollout("event-processor", 1, () -> actions.apply(change, Duration.ofSeconds(10)));
            controllers.whileReportingRollout("event-processor", 1, () -> actions.rollBack(change, Duration.ofSeconds(10)));
            actions.crash("ingestion-api");
            stack.down(Duration.ZERO);
        }

        Set<Permission> asked = permissions(mock.requests());
        Set<Permission> operator = granted("cloudscale-operator", asked);
        Set<Permission> reader = granted("cloudscale-reader", asked);

        assertEquals(asked, operator, "asked but not granted to cloudscale-operator: " + minus(asked, operator));
        assertTrue(asked.contains(new Permission("apps", "deployments", "patch")), "the check saw the applies: " + asked);
        assertTrue(asked.contains(new Permission("", "pods", "deletecollection")), "and down's deletes: " + asked);
        assertFalse(reader.stream().anyMatch(permission -> Set.of("create", "patch", "update", "delete", "deletecollection").contains(permission.verb())),
                "cloudscale-reader grants no write: " + reader);
    }

    @Test
    void theReaderRoleGrantsWhatReadingThePlatformAsks() throws IOException {
        PlayedControllers controllers = new PlayedControllers(mock.client(), NAMESPACE);
        Instant now = Instant.now();
        controllers.kubelet(pod("event-processor", "event-processor-66b8d-r1", now), "Running", container("event-processor", true, 1)
                .withState(running(now)).withLastState(terminated("Error", 1, now.minusSeconds(60), now.minusSeconds(30))).build());
        try (KubernetesPlatform platform = KubernetesPlatform.reading(mock.api(NAMESPACE, Duration.ofSeconds(5)), Clock.systemUTC())) {
            platform.services();
            platform.recentLog("event-processor", now.minusSeconds(600), 20);
            forwardOnce(platform.forwards().to("event-processor", "http"));
        }

        Set<Permission> asked = permissions(mock.requests());

        assertTrue(asked.contains(new Permission("", "pods/log", "get")), asked.toString());
        assertTrue(asked.contains(new Permission("", "pods/portforward", "create")), "the probes' port-forward: " + asked);
        assertEquals(asked, granted("cloudscale-reader", asked), "asked but not granted to cloudscale-reader: " + minus(asked, granted("cloudscale-reader", asked)));
    }

    /** One connection through the forward, which is when the client opens its stream through the API server; nothing listens at the pod's end. */
    private static void forwardOnce(java.net.InetSocketAddress here) throws IOException {
        try (java.net.Socket socket = new java.net.Socket(here.getAddress(), here.getPort())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getInputStream().read();
        }
    }

    /** Each request as the authorizer reads it; a server-side apply needs patch, and create for an object not there yet. */
    static Set<Permission> permissions(List<ApplyingMockApiServer.Request> requests) {
        Set<Permission> permissions = new LinkedHashSet<>();
        for (ApplyingMockApiServer.Request request : requests) {
            String[] pathAndQuery = request.path().split("\\?", 2);
            String query = pathAndQuery.length > 1 ? pathAndQuery[1] : "";
            List<String> parts = new ArrayList<>(List.of(pathAndQuery[0].replaceFirst("^/", "").split("/")));
            String group;
            if (parts.getFirst().equals("api")) {
                group = "";
                parts = parts.subList(2, parts.size());
            } else {
                group = parts.get(1);
                parts = parts.subList(3, parts.size());
            }
            assertEquals("namespaces", parts.getFirst(), "only namespaced requests: " + request);
            assertEquals(NAMESPACE, parts.get(1), "only the target's namespace: " + request);
            String resource = parts.get(2) + (parts.size() > 4 ? "/" + parts.get(4) : "");
            boolean named = parts.size() > 3;
            List<String> verbs = switch (request.method()) {
                // a port-forward over a websocket opens with a GET, which the API server authorizes as create
                case "GET" -> resource.equals("pods/portforward") ? List.of("create")
                        : List.of(named ? "get" : query.contains("watch=true") ? "watch" : "list");
                case "POST" -> List.of("create");
                case "PUT" -> List.of("update");
                case "PATCH" -> request.apply() ? List.of("patch", "create") : List.of("patch");
                case "DELETE" -> List.of(named ? "delete" : "deletecollection");
                default -> throw new AssertionError(request.toString());
            };
            verbs.forEach(verb -> permissions.add(new Permission(group, resource, verb)));
        }
        return permissions;
    }

    /** Of {@code asked}, what the Role grants. */
    static Set<Permission> granted(String role, Set<Permission> asked) throws IOException {
        List<JsonNode> rules = new ArrayList<>();
        for (JsonNode document : new YAMLMapper().readerFor(JsonNode.class).readValues(STACK.resolve("kubernetes/rbac/roles.yaml").toFile()).readAll().stream()
                .map(JsonNode.class::cast).toList()) {
            if (role.equals(document.path("metadata").path("name").asText())) {
                document.path("rules").forEach(rules::add);
            }
        }
        assertFalse(rules.isEmpty(), "no Role " + role);
        Set<Permission> granted = new LinkedHashSet<>();
        for (Permission permission : asked) {
            for (JsonNode rule : rules) {
                if (contains(rule.path("apiGroups"), permission.group()) && contains(rule.path("resources"), permission.resource())
                        && contains(rule.path("verbs"), permission.verb())) {
                    granted.add(permission);
                }
            }
        }
        return granted;
    }

    private static boolean contains(JsonNode list, String value) {
        for (JsonNode item : list) {
            if (item.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static Set<Permission> minus(Set<Permission> all, Set<Permission> some) {
        Set<Permission> rest = new LinkedHashSet<>(all);
        rest.removeAll(some);
        return rest;
    }
}
