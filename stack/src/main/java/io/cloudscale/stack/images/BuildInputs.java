package io.cloudscale.stack.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A digest of everything an image is made from. An image whose label carries the same digest is up to
 * date; anything else (a package added, a config line changed, a new jar) rebuilds it.
 */
final class BuildInputs {

    /** Bump when the way images are made changes, so old images are not mistaken for current ones. */
    static final String RECIPE_VERSION = "1";

    private final MessageDigest digest;

    BuildInputs() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        add("recipe", RECIPE_VERSION);
    }

    BuildInputs add(String name, String value) {
        digest.update((name + "=" + value + "\n").getBytes(StandardCharsets.UTF_8));
        return this;
    }

    BuildInputs add(String name, List<String> values) {
        return add(name, String.join(",", values));
    }

    /** A file's name and content, or every regular file under a folder in name order. */
    BuildInputs addTree(String name, Path path) {
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                add(name, path.relativize(file).toString());
                digest.update(Files.isExecutable(file) ? (byte) 1 : (byte) 0);
                try (InputStream in = Files.newInputStream(file)) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int read; (read = in.read(buffer)) > 0; ) {
                        digest.update(buffer, 0, read);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
