package io.cloudscale.stack.kubernetes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** down deletes the stack kind by kind: a kind an overlay renders and down does not know would outlive every down. */
class StackObjectsTest {

    private static final Path STACK = Path.of("").toAbsolutePath();

    @ParameterizedTest
    @EnumSource(KubernetesOverlay.class)
    void downKnowsEveryKindTheOverlayRenders(KubernetesOverlay overlay) {
        Set<String> known = StackObjects.KINDS.stream().map(StackObjects.Kind::name).collect(Collectors.toSet());
        Set<String> rendered = Kustomization.render(overlay.folder(STACK)).stream().map(object -> object.path("kind").asText()).collect(Collectors.toSet());

        assertTrue(known.containsAll(rendered), overlay.id() + " renders " + rendered + ", down deletes " + known);
    }

    @ParameterizedTest
    @EnumSource(KubernetesOverlay.class)
    void everyObjectAndPodTemplateCarriesTheLabelDownFindsThemBy(KubernetesOverlay overlay) {
        for (ObjectNode object : Kustomization.render(overlay.folder(STACK))) {
            assertTrue(StackObjects.PART_OF.equals(object.path("metadata").path("labels").path(StackObjects.PART_OF_LABEL).asText()), object.path("metadata").toString());
            if (object.path("spec").has("template")) {
                assertTrue(StackObjects.PART_OF.equals(object.path("spec").path("template").path("metadata").path("labels").path(StackObjects.PART_OF_LABEL).asText()),
                        "the pods of " + object.path("metadata").path("name").asText() + " (and their ReplicaSets) carry it too");
            }
        }
    }
}
