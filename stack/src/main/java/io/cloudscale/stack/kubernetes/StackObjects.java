package io.cloudscale.stack.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import java.util.List;
import java.util.function.Function;

/**
 * What makes the stack's objects in a namespace the stack's: the label every one of them carries, the field manager
 * that applies them, and the kinds they come in (with those the cluster makes from them: ReplicaSets and Pods).
 */
public final class StackObjects {

    /** Every object of the stack's manifests carries it, pod templates too: how down finds them, and only them. */
    public static final String PART_OF_LABEL = "app.kubernetes.io/part-of";
    public static final String PART_OF = "cloudscale";
    /** The field manager of everything up applies: what the API server names when another manager owns a field. */
    public static final String FIELD_MANAGER = "cloudscale";

    /** One kind of object the stack is made of, and how to reach its objects in a namespace. */
    public record Kind(String name, Function<KubernetesClient, MixedOperation<? extends HasMetadata, ? extends KubernetesResourceList<? extends HasMetadata>, ?>> objects) {
    }

    /** In the order down deletes them: the workloads first, so that nothing starts a pod again, then what they use. */
    public static final List<Kind> KINDS = List.of(
            new Kind("Deployment", client -> client.apps().deployments()),
            new Kind("ReplicaSet", client -> client.apps().replicaSets()),
            new Kind("Pod", KubernetesClient::pods),
            new Kind("Service", KubernetesClient::services),
            new Kind("ConfigMap", KubernetesClient::configMaps),
            new Kind("Secret", KubernetesClient::secrets));

    private StackObjects() {
    }
}
