package io.cloudscale.stack.setup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The distribution this machine runs, from os-release(5): enough to know whether apt-get is its package manager. */
public record OsRelease(String id, Set<String> idLike, String prettyName) {

    public static final OsRelease UNKNOWN = new OsRelease("unknown", Set.of(), "an unknown system (no /etc/os-release)");

    public static OsRelease read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            return UNKNOWN;
        }
        Map<String, String> fields = new HashMap<>();
        for (String line : text.split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0 && !line.startsWith("#")) {
                fields.put(line.substring(0, equals).strip(), unquote(line.substring(equals + 1).strip()));
            }
        }
        String id = fields.getOrDefault("ID", "linux");
        Set<String> like = Arrays.stream(fields.getOrDefault("ID_LIKE", "").split("\\s+"))
                .filter(word -> !word.isBlank()).collect(Collectors.toUnmodifiableSet());
        return new OsRelease(id, like, fields.getOrDefault("PRETTY_NAME", id));
    }

    /** Debian, Ubuntu and their derivatives: apt-get installs the packages setup names. */
    public boolean debianLike() {
        return Set.of("debian", "ubuntu").contains(id) || idLike.contains("debian") || idLike.contains("ubuntu");
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
