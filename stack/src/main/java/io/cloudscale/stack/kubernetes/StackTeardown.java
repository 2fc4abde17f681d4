package io.cloudscale.stack.kubernetes;

import io.cloudscale.core.Poll;
import io.cloudscale.probes.kubernetes.KubernetesApi;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes what carries the stack's label in the namespace, and nothing else: not an object the operator made
 * beside it (the azure overlay's Secret of connection strings, unless they labelled it), not the namespace, which
 * the tool neither creates nor deletes. Then it looks until none of it is left, or says what still is.
 */
record StackTeardown(KubernetesApi api, Duration settling) {

    /** How often the namespace is looked at again while pods finish their grace period. */
    private static final Duration LOOK_AGAIN = Duration.ofSeconds(1);
    /** What a pod may take beyond its grace period to be gone: the kubelet's report and the API server's removal. */
    static final Duration SETTLING = Duration.ofSeconds(30);

    /** The stack's objects still there after the deletes, as {@code kind name}, once none are or the wait is over. */
    List<String> delete(Duration gracePeriod) throws InterruptedException {
        for (StackObjects.Kind kind : StackObjects.KINDS) {
            api.call("deleting the stack's " + kind.name() + "s in namespace " + api.namespace(),
                    () -> kind.objects().apply(api.client()).inNamespace(api.namespace())
                            .withLabel(StackObjects.PART_OF_LABEL, StackObjects.PART_OF)
                            .withGracePeriod(gracePeriod.toSeconds()).delete());
        }
        return Poll.until(this::left, List::isEmpty, LOOK_AGAIN, gracePeriod.plus(settling)).last();
    }

    /** Every object of the stack in the namespace, terminating or not. */
    List<String> left() {
        List<String> left = new ArrayList<>();
        for (StackObjects.Kind kind : StackObjects.KINDS) {
            List<? extends HasMetadata> objects = api.call("listing the stack's " + kind.name() + "s in namespace " + api.namespace(),
                    () -> kind.objects().apply(api.client()).inNamespace(api.namespace())
                            .withLabel(StackObjects.PART_OF_LABEL, StackObjects.PART_OF).list().getItems());
            for (HasMetadata object : objects) {
                left.add(kind.name().toLowerCase(java.util.Locale.ROOT) + " " + object.getMetadata().getName()
                        + (object.getMetadata().getDeletionTimestamp() == null ? "" : " (terminating)"));
            }
        }
        return left;
    }
}
