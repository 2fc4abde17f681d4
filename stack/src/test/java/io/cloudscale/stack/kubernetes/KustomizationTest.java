package io.cloudscale.stack.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudscale.core.CloudscaleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The renderer on small kustomizations: each field it does, as kubectl kustomize does it, and the fields it refuses. */
class KustomizationTest {

    @TempDir
    Path dir;

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: api
              labels:
                app.kubernetes.io/name: api
            spec:
              selector:
                matchLabels:
                  app.kubernetes.io/name: api
              template:
                metadata:
                  labels:
                    app.kubernetes.io/name: api
                spec:
                  containers:
                    - name: api
                      image: example/api
                      args: ["serve", "--fast"]
                      env:
                        - name: KEEP
                          value: "kept"
                        - name: CHANGE
                          value: "before"
                    - name: sidecar
                      image: registry.local:5000/example/sidecar:1.0
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: api
            spec:
              selector:
                app.kubernetes.io/name: api
              ports:
                - port: 8080
            """;

    private Path write(String relative, String text) throws IOException {
        Path path = dir.resolve(relative);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
        return path;
    }

    private void base() throws IOException {
        write("base/api.yaml", DEPLOYMENT);
        write("base/kustomization.yaml", """
                resources:
                  - api.yaml
                images:
                  - name: example/api
                    newTag: "2.0"
                """);
    }

    private static ObjectNode find(List<ObjectNode> objects, String kind, String name) {
        return objects.stream().filter(object -> object.path("kind").asText().equals(kind) && object.at("/metadata/name").asText().equals(name))
                .findFirst().orElseThrow();
    }

    private static JsonNode container(ObjectNode deployment, String name) {
        return StreamSupport.stream(deployment.at("/spec/template/spec/containers").spliterator(), false)
                .filter(container -> container.path("name").asText().equals(name)).findFirst().orElseThrow();
    }

    private static String env(JsonNode container, String name) {
        return StreamSupport.stream(container.path("env").spliterator(), false)
                .filter(env -> env.path("name").asText().equals(name)).map(env -> env.path("value").asText()).findFirst().orElse(null);
    }

    @Test
    void anOverlayPatchesMergesContainersAndEnvByNameAndReplacesOtherLists() throws IOException {
        base();
        write("overlay/patch.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: api
                spec:
                  template:
                    spec:
                      containers:
                        - name: api
                          args: ["serve"]
                          env:
                            - name: CHANGE
                              value: "after"
                            - name: ADDED
                              value: "new"
                """);
        write("overlay/kustomization.yaml", """
                resources:
                  - ../base
                patches:
                  - path: patch.yaml
                """);

        ObjectNode api = find(Kustomization.render(dir.resolve("overlay")), "Deployment", "api");

        JsonNode container = container(api, "api");
        assertEquals("kept", env(container, "KEEP"));
        assertEquals("after", env(container, "CHANGE"));
        assertEquals("new", env(container, "ADDED"));
        assertEquals(3, container.path("env").size());
        assertEquals(List.of("serve"), StreamSupport.stream(container.path("args").spliterator(), false).map(JsonNode::asText).toList());
        assertEquals("registry.local:5000/example/sidecar:1.0", container(api, "sidecar").path("image").asText(), "the other container is left alone");
    }

    @Test
    void namespaceLabelsAndImagesAreSetWhereKustomizeSetsThem() throws IOException {
        base();
        write("overlay/kustomization.yaml", """
                namespace: team-a
                resources:
                  - ../base
                labels:
                  - pairs:
                      app.kubernetes.io/part-of: shop
                    includeTemplates: true
                commonLabels:
                  tier: backend
                images:
                  - name: registry.local:5000/example/sidecar
                    newName: mirror.local/sidecar
                """);

        List<ObjectNode> objects = Kustomization.render(dir.resolve("overlay"));
        ObjectNode api = find(objects, "Deployment", "api");
        ObjectNode service = find(objects, "Service", "api");

        assertTrue(objects.stream().allMatch(object -> object.at("/metadata/namespace").asText().equals("team-a")));
        assertEquals("shop", api.at("/metadata/labels").path("app.kubernetes.io/part-of").asText());
        assertEquals("shop", api.at("/spec/template/metadata/labels").path("app.kubernetes.io/part-of").asText());
        assertTrue(api.at("/spec/selector/matchLabels").path("app.kubernetes.io/part-of").isMissingNode(), "labels without includeSelectors");
        assertEquals("backend", api.at("/spec/selector/matchLabels").path("tier").asText(), "commonLabels go into selectors");
        assertEquals("backend", service.at("/spec/selector").path("tier").asText());
        assertEquals("example/api:2.0", container(api, "api").path("image").asText(), "the base's own images entry");
        assertEquals("mirror.local/sidecar:1.0", container(api, "sidecar").path("image").asText(), "a registry's port is part of the name");
    }

    @Test
    void aConfigMapIsGeneratedFromFilesUnderItsOwnName() throws IOException {
        write("conf/app.conf", "listen 8080;\n");
        write("app/kustomization.yaml", """
                configMapGenerator:
                  - name: app-config
                    files:
                      - ../conf/app.conf
                      - renamed.conf=../conf/app.conf
                generatorOptions:
                  disableNameSuffixHash: true
                """);

        ObjectNode map = find(Kustomization.render(dir.resolve("app")), "ConfigMap", "app-config");

        assertEquals("listen 8080;\n", map.at("/data").path("app.conf").asText());
        assertEquals("listen 8080;\n", map.at("/data").path("renamed.conf").asText());
    }

    @Test
    void whatTheRendererDoesNotDoIsRefusedByName() throws IOException {
        base();
        write("helm/kustomization.yaml", "resources: [../base]\nhelmCharts: []\n");
        write("hashed/kustomization.yaml", "configMapGenerator:\n  - name: x\n    files: []\n");
        write("stray/patch.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: nowhere\n");
        write("stray/kustomization.yaml", "resources: [../base]\npatches:\n  - path: patch.yaml\n");

        assertTrue(assertThrows(CloudscaleException.Usage.class, () -> Kustomization.render(dir.resolve("helm"))).getMessage()
                .contains("'helmCharts' is not something this renderer does"));
        assertTrue(assertThrows(CloudscaleException.Usage.class, () -> Kustomization.render(dir.resolve("hashed"))).getMessage()
                .contains("disableNameSuffixHash"));
        assertTrue(assertThrows(CloudscaleException.Usage.class, () -> Kustomization.render(dir.resolve("stray"))).getMessage()
                .contains("is for Deployment nowhere, which no resource of this kustomization is"));
        assertThrows(CloudscaleException.Usage.class, () -> Kustomization.render(dir.resolve("absent")));
    }
}
