package io.cloudscale.core.diagnosis;

import io.cloudscale.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * The previous verdict of each tree (~/.cloudscale/last-verdict-TREE.json), so that a fix followed by
 * a healthy run can confirm what the problem was without anyone typing --confirm.
 */
public final class LastVerdict {

    public record Entry(Instant time, String tree, String cause, boolean healthy) {
    }

    private final Path home;

    public LastVerdict(Path home) {
        this.home = home;
    }

    private Path file(String tree) {
        return home.resolve(".cloudscale/last-verdict-" + tree + ".json");
    }

    public Optional<Entry> read(String tree) {
        try {
            return Optional.of(Json.mapper().readValue(file(tree).toFile(), Entry.class));
        } catch (IOException e) {
            return Optional.empty(); // none yet, or unreadable: learning is best effort, the diagnosis is not
        }
    }

    public void write(Entry entry) {
        Path target = file(entry.tree());
        try {
            Files.createDirectories(target.getParent());
            Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
            Files.writeString(temporary, Json.mapper().writeValueAsString(entry));
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // best effort, as above
        }
    }
}
