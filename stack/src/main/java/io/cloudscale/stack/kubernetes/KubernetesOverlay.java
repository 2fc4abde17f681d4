package io.cloudscale.stack.kubernetes;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.stack.lifecycle.StackProfile;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which overlay of {@code stack/kubernetes} runs on a cluster: the offline one (RabbitMQ and the Cosmos server in
 * the cluster) or the azure one (the cloud's Service Bus and Cosmos DB at their own endpoints).
 */
public enum KubernetesOverlay {
    OFFLINE("offline"),
    AZURE("azure");

    private final String id;

    KubernetesOverlay(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public Path folder(Path stackDir) {
        return stackDir.resolve("kubernetes").resolve("overlays").resolve(id);
    }

    /**
     * The overlay {@code --profile} names: {@code offline} or {@code azure}. The compose profile {@code azure-emulators}
     * (the profile setting's default) names {@code azure}: a cluster has the cloud's services where compose has their emulators.
     */
    public static KubernetesOverlay parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        if (wanted.equals(StackProfile.AZURE_EMULATORS.id())) {
            return AZURE;
        }
        return Arrays.stream(values()).filter(overlay -> overlay.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new CloudscaleException.Usage("unknown profile '" + text + "' for the kubernetes target",
                        "profiles there: " + Arrays.stream(values()).map(KubernetesOverlay::id).collect(Collectors.joining(", "))));
    }
}
