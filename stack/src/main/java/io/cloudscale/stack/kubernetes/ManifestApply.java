package io.cloudscale.stack.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudscale.core.CloudscaleException;
import io.cloudscale.probes.kubernetes.KubernetesApi;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.ServerSideApplicable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Server-side applies the stack's rendered objects into the target's namespace, whatever namespace the overlay
 * names, as field manager {@value StackObjects#FIELD_MANAGER}. Conflicts with another manager's fields are taken
 * over only when the operator asks: otherwise the first conflict stops the apply and is reported, with the fields.
 */
final class ManifestApply {

    private final KubernetesApi api;

    ManifestApply(KubernetesApi api) {
        this.api = api;
    }

    /** Applies each object in turn; returns them as {@code Kind/name}, in the order applied. */
    List<String> apply(List<ObjectNode> objects, boolean forceConflicts) {
        objects.forEach(ManifestApply::requireStackLabel);
        List<String> applied = new ArrayList<>();
        for (ObjectNode object : objects) {
            ObjectNode placed = object.deepCopy();
            ((ObjectNode) placed.get("metadata")).put("namespace", api.namespace());
            String name = object.path("kind").asText() + "/" + object.path("metadata").path("name").asText();
            try {
                api.call("applying " + name, () -> {
                    ServerSideApplicable<HasMetadata> request = api.client().resource(placed.toString()).inNamespace(api.namespace())
                            .fieldManager(StackObjects.FIELD_MANAGER);
                    return (forceConflicts ? request.forceConflicts() : request).serverSideApply();
                });
            } catch (CloudscaleException.Unreachable refused) {
                throw explained(name, refused);
            }
            applied.add(name);
        }
        return applied;
    }

    /** down finds the stack by this label: an object without it would outlive every down. */
    private static void requireStackLabel(ObjectNode object) {
        if (!StackObjects.PART_OF.equals(object.path("metadata").path("labels").path(StackObjects.PART_OF_LABEL).asText(null))) {
            throw new CloudscaleException.Usage(object.path("kind").asText() + "/" + object.path("metadata").path("name").asText()
                    + " does not carry the label " + StackObjects.PART_OF_LABEL + ": " + StackObjects.PART_OF + " (down could not find it again)",
                    "add it to the overlay's labels");
        }
    }

    private CloudscaleException explained(String name, CloudscaleException.Unreachable refused) {
        Optional<Integer> status = KubernetesApi.status(refused);
        if (status.isEmpty()) {
            return refused;
        }
        return switch (status.get()) {
            case 404 -> new CloudscaleException.Usage("applying " + name + ": namespace " + api.namespace() + " not found in "
                    + api.describe() + " (the tool never creates or deletes namespaces)",
                    "create it: kubectl create namespace " + api.namespace() + "; or --namespace names another", refused);
            case 409 -> new CloudscaleException.ProblemFound("applying " + name + ": another field manager owns fields this would change: "
                    + detail(refused), "to take them over: cloudscale up --target kubernetes --force-conflicts");
            case 422, 400 -> new CloudscaleException.ProblemFound("the API server refused " + name + ": " + detail(refused),
                    "kubectl kustomize the overlay shows what was sent");
            default -> refused;
        };
    }

    /** The API server's own message: after "Message: " in the client's wording, else its whole line. */
    private static String detail(CloudscaleException.Unreachable refused) {
        String message = refused.getCause() == null || refused.getCause().getMessage() == null ? refused.getMessage() : refused.getCause().getMessage();
        int at = message.indexOf("Message: ");
        String line = (at < 0 ? message : message.substring(at + "Message: ".length())).lines().findFirst().orElse(message);
        int received = line.indexOf(". Received status:");
        return received < 0 ? line : line.substring(0, received);
    }
}
