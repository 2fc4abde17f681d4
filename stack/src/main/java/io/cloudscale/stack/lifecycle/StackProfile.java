package io.cloudscale.stack.lifecycle;

import io.cloudscale.core.CloudscaleException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Which compose file of the stack runs: the Azure emulators (default) or the offline stand-ins. */
public enum StackProfile {
    AZURE_EMULATORS("azure-emulators", "compose.yaml", "servicebus"),
    OFFLINE("offline", "compose.offline.yaml", "rabbitmq");

    private final String id;
    private final String file;
    private final String queueBackend;

    StackProfile(String id, String file, String queueBackend) {
        this.id = id;
        this.file = file;
        this.queueBackend = queueBackend;
    }

    public String id() {
        return id;
    }

    public Path composeFile(Path stackDir) {
        return stackDir.resolve(file);
    }

    public String queueBackend() {
        return queueBackend;
    }

    public static StackProfile parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(profile -> profile.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new CloudscaleException.Usage("unknown profile '" + text + "'",
                        "profiles: " + Arrays.stream(values()).map(StackProfile::id).collect(Collectors.joining(", "))));
    }

    /** The profile a running project was started with, from compose's config-files label. */
    public static Optional<StackProfile> fromConfigFiles(String label) {
        if (label == null) {
            return Optional.empty();
        }
        for (String path : label.split(",")) {
            String name = Path.of(path.trim()).getFileName().toString();
            for (StackProfile profile : values()) {
                if (profile.file.equals(name)) {
                    return Optional.of(profile);
                }
            }
        }
        return Optional.empty();
    }
}
