package io.cloudscale.stack.images;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Debian mirror this machine's apt already uses: debootstrap must fetch from where apt can. */
public final class DebianMirror {

    static final String FALLBACK = "http://deb.debian.org/debian";
    private static final Pattern DEB822_URI = Pattern.compile("(?m)^URIs:\\s*(\\S+)");
    private static final Pattern ONE_LINE = Pattern.compile("(?m)^deb\\s+(?:\\[[^]]*]\\s+)?(\\S+)\\s+\\S+\\s+main");

    private DebianMirror() {
    }

    static String find(Path aptDir) {
        return configured(aptDir).orElse(FALLBACK);
    }

    /** The mirror apt's sources name, or empty when none does (debootstrap then falls back to deb.debian.org). */
    public static Optional<String> configured(Path aptDir) {
        List<Path> sources = new ArrayList<>();
        sources.add(aptDir.resolve("sources.list"));
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(aptDir.resolve("sources.list.d"))) {
            dir.forEach(sources::add);
        } catch (IOException ignored) {
            // no sources.list.d: only sources.list
        }
        return sources.stream().sorted()
                .map(DebianMirror::mirrorIn)
                .flatMap(Optional::stream)
                .findFirst();
    }

    static Optional<String> mirrorIn(Path file) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".sources") && !name.endsWith(".list")) {
            return Optional.empty();
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            return Optional.empty();
        }
        Matcher matcher = (name.endsWith(".sources") ? DEB822_URI : ONE_LINE).matcher(text);
        while (matcher.find()) {
            String uri = matcher.group(1);
            if (!uri.contains("security")) {
                return Optional.of(uri);
            }
        }
        return Optional.empty();
    }
}
