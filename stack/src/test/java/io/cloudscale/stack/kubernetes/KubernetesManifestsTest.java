package io.cloudscale.stack.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudscale.core.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * The kustomize manifests under kubernetes/ against the compose files they stand for: every service the compose
 * file runs, with its image, command, hostname, container ports, healthcheck and environment, runs in the overlay's
 * rendering too, labelled as the tool finds it; and no credential is written in clear outside a Secret.
 */
class KubernetesManifestsTest {

    private static final Path STACK = Path.of("").toAbsolutePath();
    private static final String CONNECTIONS = "cloudscale-connections";
    private static final String NAME_LABEL = "app.kubernetes.io/name";
    private static final String PART_OF_LABEL = "app.kubernetes.io/part-of";

    /**
     * What the azure overlay sets otherwise than the emulators' compose file, and why. Everything else of that
     * file's environment is there, from the Secret when it is a credential or names an emulator.
     */
    private static final Map<String, String> AZURE_DIFFERS = Map.of(
            "COSMOS_TRUST_EMULATOR_CERT", "a Cosmos DB account serves a CA-signed certificate: nothing to import");
    private static final Map<String, String> AZURE_LEAVES_OUT = Map.of(
            "COSMOS_CERT_URL", "read only to import the emulator's certificate, which the cloud's does not need");

    @BeforeAll
    static void learnTheComposeFilesSecrets() throws IOException {
        for (String file : List.of("compose.yaml", "compose.offline.yaml")) {
            ComposeService.read(STACK.resolve(file)).forEach(service -> Secrets.rememberFrom(service.environment()));
        }
    }

    @Test
    void theOfflineOverlayRunsEveryServiceOfTheOfflineComposeFileAsComposeDoes() throws IOException {
        List<ObjectNode> rendered = Kustomization.render(STACK.resolve("kubernetes/overlays/offline"));
        List<ComposeService> services = ComposeService.read(STACK.resolve("compose.offline.yaml"));

        assertFalse(services.isEmpty());
        for (ComposeService service : services) {
            ObjectNode container = assertRunsAsCompose(service, rendered);
            for (Map.Entry<String, String> variable : service.environment().entrySet()) {
                JsonNode env = env(container, variable.getKey())
                        .orElseThrow(() -> new AssertionFailedError(service.name() + ": no " + variable.getKey() + " in " + container.get("env")));
                if (isSecret(variable.getKey(), variable.getValue())) {
                    assertEquals(variable.getValue(), secretValue(rendered, fromSecret(service, env)),
                            service.name() + " " + variable.getKey() + ": the Secret holds what compose gives");
                } else {
                    assertEquals(variable.getValue(), env.path("value").asText(null), service.name() + " " + variable.getKey());
                }
            }
        }
    }

    @Test
    void theAzureOverlayRunsThePlatformsOwnServicesWithTheQueueAndStoreFromTheSecret() throws IOException {
        List<ObjectNode> rendered = Kustomization.render(STACK.resolve("kubernetes/overlays/azure"));
        List<ComposeService> services = ComposeService.read(STACK.resolve("compose.yaml"));
        Set<String> emulators = services.stream().filter(service -> !platformOwn(service)).map(ComposeService::name).collect(Collectors.toSet());

        assertEquals(Set.of("sqlserver", "servicebus", "cosmos"), emulators, "what Azure's managed services replace");
        for (String emulator : emulators) {
            assertTrue(rendered.stream().noneMatch(object -> name(object).equals(emulator)), emulator + " does not run in the cluster");
        }
        for (ComposeService service : services.stream().filter(KubernetesManifestsTest::platformOwn).toList()) {
            ObjectNode container = assertRunsAsCompose(service, rendered);
            for (Map.Entry<String, String> variable : service.environment().entrySet()) {
                Optional<JsonNode> env = env(container, variable.getKey());
                if (AZURE_LEAVES_OUT.containsKey(variable.getKey())) {
                    assertTrue(env.isEmpty(), service.name() + " " + variable.getKey() + ": " + AZURE_LEAVES_OUT.get(variable.getKey()));
                    continue;
                }
                assertTrue(env.isPresent(), service.name() + ": no " + variable.getKey() + " in " + container.get("env"));
                if (isSecret(variable.getKey(), variable.getValue()) || namesAny(variable.getValue(), emulators)) {
                    fromSecret(service, env.get());
                } else if (!AZURE_DIFFERS.containsKey(variable.getKey())) {
                    assertEquals(variable.getValue(), env.get().path("value").asText(null), service.name() + " " + variable.getKey());
                }
            }
        }
    }

    @Test
    void noRenderedManifestCarriesACredentialInClear() {
        List<ObjectNode> azure = Kustomization.render(STACK.resolve("kubernetes/overlays/azure"));
        List<ObjectNode> offline = Kustomization.render(STACK.resolve("kubernetes/overlays/offline"));

        assertTrue(azure.stream().noneMatch(object -> kind(object).equals("Secret")), "the operator creates Azure's Secret; the overlay ships none");
        assertNoCredentialOutsideSecrets(azure, Set.of());
        assertNoCredentialOutsideSecrets(offline, Set.of(CONNECTIONS));
    }

    @Test
    void theCredentialCheckFindsAKeyWrittenIntoADeployment() {
        List<ObjectNode> rendered = Kustomization.render(STACK.resolve("kubernetes/overlays/azure"));
        ObjectNode container = container(deployment(rendered, "ingestion-api"), "ingestion-api");
        ObjectNode literal = container.withArrayProperty("env").addObject();
        literal.put("name", "SERVICEBUS_CONNECTION_STRING");
        literal.put("value", "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccessKey=bm90LWEtcmVhbC1rZXk=");

        assertThrows(AssertionFailedError.class, () -> assertNoCredentialOutsideSecrets(rendered, Set.of()));
    }

    @Test
    void theGatewaysConfigIsTheImagesOwnButForHowItFindsTheServices() throws IOException {
        List<ObjectNode> rendered = Kustomization.render(STACK.resolve("kubernetes/overlays/offline"));
        ObjectNode gateway = deployment(rendered, "gateway");
        String dockerfile = Files.readString(STACK.resolve("images/gateway/Dockerfile"));
        Matcher copy = Pattern.compile("(?m)^COPY nginx\\.conf (\\S+)$").matcher(dockerfile);
        assertTrue(copy.find(), "the gateway image copies nginx.conf somewhere");

        JsonNode mount = StreamSupport.stream(container(gateway, "gateway").path("volumeMounts").spliterator(), false)
                .filter(candidate -> candidate.path("mountPath").asText().equals(copy.group(1)))
                .findFirst().orElseThrow(() -> new AssertionFailedError("nothing mounted at " + copy.group(1)));
        JsonNode volume = StreamSupport.stream(gateway.at("/spec/template/spec/volumes").spliterator(), false)
                .filter(candidate -> candidate.path("name").asText().equals(mount.path("name").asText()))
                .findFirst().orElseThrow();
        ObjectNode configMap = rendered.stream()
                .filter(object -> kind(object).equals("ConfigMap") && name(object).equals(volume.at("/configMap/name").asText()))
                .findFirst().orElseThrow(() -> new AssertionFailedError("no ConfigMap " + volume.at("/configMap/name")));

        String inCluster = configMap.at("/data").path(mount.path("subPath").asText()).asText(null);
        assertNotNull(inCluster, "the mount's subPath is a key of the ConfigMap");
        assertEquals(directives(Files.readString(STACK.resolve("images/gateway/nginx.conf"))), directives(inCluster));
    }

    /**
     * nginx's directives without comments and without what tells compose's network from the cluster's: the
     * resolver lines, and a proxy_pass through a variable (re-resolved) rather than to the name itself.
     */
    private static List<String> directives(String nginxConf) {
        String text = nginxConf.replaceAll("(?m)#.*$", "")
                .replaceAll("set \\$(\\w+) ([^;]+);\\s*proxy_pass \\$\\1;", "proxy_pass $2;");
        return text.lines().map(String::strip).filter(line -> !line.isEmpty())
                .filter(line -> !line.startsWith("resolver ") && !line.startsWith("resolver_timeout "))
                .toList();
    }

    /** The compose service's Deployment and Service, checked; returns its container for the environment's checks. */
    private static ObjectNode assertRunsAsCompose(ComposeService service, List<ObjectNode> rendered) {
        String name = service.name();
        ObjectNode deployment = deployment(rendered, name);
        assertEquals(name, deployment.at("/metadata/labels").path(NAME_LABEL).asText(), name + " Deployment's name label");
        assertEquals("cloudscale", deployment.at("/metadata/labels").path(PART_OF_LABEL).asText(), name + " Deployment's part-of label");
        assertEquals(name, deployment.at("/spec/selector/matchLabels").path(NAME_LABEL).asText(), name + " selector");
        JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
        assertEquals(name, podLabels.path(NAME_LABEL).asText(), name + " pods' name label: the tool finds a service's pods by it");
        assertEquals("cloudscale", podLabels.path(PART_OF_LABEL).asText(), name + " pods' part-of label");

        ObjectNode container = container(deployment, name);
        assertEquals(service.image(), container.path("image").asText(), name + " image");
        if (!service.command().isEmpty()) {
            assertEquals(service.command(), strings(container.path("args")), name + ": compose's command is the image's arguments");
        }
        if (service.hostname() != null) {
            assertEquals(service.hostname(), deployment.at("/spec/template/spec/hostname").asText(), name + " hostname");
        }

        List<Integer> ports = new ArrayList<>(service.containerPorts());
        service.health().ifPresent(health -> ports.add(health.port()));
        ObjectNode serviceObject = rendered.stream().filter(object -> kind(object).equals("Service") && name(object).equals(name))
                .findFirst().orElseThrow(() -> new AssertionFailedError("no Service " + name));
        assertEquals(name, serviceObject.at("/spec/selector").path(NAME_LABEL).asText(), name + " Service selects its pods by name label");
        for (int port : ports) {
            assertTrue(containerPorts(container).contains(port), name + " container port " + port + " in " + container.get("ports"));
            assertTrue(StreamSupport.stream(serviceObject.at("/spec/ports").spliterator(), false)
                            .anyMatch(servicePort -> servicePort.path("port").asInt() == port && resolvePort(container, servicePort.path("targetPort")) == port),
                    name + " Service port " + port + " to the container's " + port);
        }

        ComposeService.Health health = service.health()
                .orElseThrow(() -> new AssertionFailedError(name + ": compose's healthcheck is not one this test reads"));
        for (String probe : List.of("readinessProbe", "livenessProbe")) {
            JsonNode check = container.path(probe);
            if (health.path() == null) {
                assertEquals(health.port(), resolvePort(container, check.at("/tcpSocket/port")), name + " " + probe + " TCP port");
            } else {
                assertEquals(health.path(), check.at("/httpGet/path").asText(), name + " " + probe + " path");
                assertEquals(health.port(), resolvePort(container, check.at("/httpGet/port")), name + " " + probe + " port");
                assertEquals(health.scheme().toUpperCase(), check.at("/httpGet/scheme").asText("HTTP"), name + " " + probe + " scheme");
            }
        }
        return container;
    }

    private static void assertNoCredentialOutsideSecrets(List<ObjectNode> rendered, Set<String> secretsAllowed) {
        for (ObjectNode object : rendered) {
            if (kind(object).equals("Secret")) {
                assertTrue(secretsAllowed.contains(name(object)), "an unexpected Secret " + name(object));
                continue;
            }
            for (JsonNode container : object.at("/spec/template/spec/containers")) {
                for (JsonNode env : container.path("env")) {
                    if (env.has("value")) {
                        Secrets.rememberFrom(Map.of(env.path("name").asText(), env.path("value").asText()));
                    }
                }
            }
            // what the tool's output would mask, were it to print the object: credentials by value, shape and field name
            assertEquals(object, Secrets.redact(object.deepCopy()), kind(object) + " " + name(object) + " carries a credential in clear");
        }
    }

    private static boolean isSecret(String name, String value) {
        Secrets.rememberFrom(Map.of(name, value));
        return !Secrets.redact(value).equals(value);
    }

    private static boolean namesAny(String value, Set<String> hosts) {
        return hosts.stream().anyMatch(host -> Pattern.compile("//" + Pattern.quote(host) + "[:/]").matcher(value).find()
                || value.contains("Endpoint=sb://" + host + ";"));
    }

    /** The Secret key the variable comes from, after checking it comes from the connections Secret. */
    private static String fromSecret(ComposeService service, JsonNode env) {
        JsonNode reference = env.at("/valueFrom/secretKeyRef");
        assertFalse(env.has("value"), service.name() + " " + env.path("name").asText() + " is written in clear");
        assertEquals(CONNECTIONS, reference.path("name").asText(), service.name() + " " + env.path("name").asText() + " from the Secret");
        return reference.path("key").asText();
    }

    private static String secretValue(List<ObjectNode> rendered, String key) {
        ObjectNode secret = rendered.stream().filter(object -> kind(object).equals("Secret") && name(object).equals(CONNECTIONS))
                .findFirst().orElseThrow(() -> new AssertionFailedError("no Secret " + CONNECTIONS));
        return secret.at("/stringData").path(key).asText(null);
    }

    private static boolean platformOwn(ComposeService service) {
        return service.image().startsWith("cloudscale/");
    }

    private static ObjectNode deployment(List<ObjectNode> rendered, String name) {
        return rendered.stream().filter(object -> kind(object).equals("Deployment") && name(object).equals(name))
                .findFirst().orElseThrow(() -> new AssertionFailedError("no Deployment " + name));
    }

    private static ObjectNode container(ObjectNode deployment, String name) {
        for (JsonNode container : deployment.at("/spec/template/spec/containers")) {
            if (container.path("name").asText().equals(name)) {
                return (ObjectNode) container;
            }
        }
        return fail("no container " + name + " in Deployment " + name(deployment));
    }

    private static Optional<JsonNode> env(ObjectNode container, String name) {
        return StreamSupport.stream(container.path("env").spliterator(), false).filter(env -> env.path("name").asText().equals(name)).findFirst();
    }

    private static List<Integer> containerPorts(JsonNode container) {
        return StreamSupport.stream(container.path("ports").spliterator(), false).map(port -> port.path("containerPort").asInt()).toList();
    }

    /** A port given by number, or by the name of one of the container's ports. */
    private static int resolvePort(JsonNode container, JsonNode port) {
        if (port.isInt()) {
            return port.asInt();
        }
        return StreamSupport.stream(container.path("ports").spliterator(), false)
                .filter(candidate -> candidate.path("name").asText().equals(port.asText()))
                .map(candidate -> candidate.path("containerPort").asInt())
                .findFirst().orElse(-1);
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static String kind(JsonNode object) {
        return object.path("kind").asText();
    }

    private static String name(JsonNode object) {
        return object.at("/metadata/name").asText();
    }
}
