package io.cloudscale.stack.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudscale.core.CloudscaleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageRecipesTest {

    @TempDir
    Path dir;

    @Test
    void theStacksOwnManifestNamesEveryImageTheOfflineComposeFileUses() throws IOException {
        Path stackDir = Path.of("").toAbsolutePath();
        ImageManifest manifest = ImageManifest.load(stackDir);
        String compose = Files.readString(stackDir.resolve("compose.offline.yaml"));
        for (ImageRecipe image : manifest.images()) {
            assertTrue(compose.contains("image: " + image.name() + ":${CLOUDSCALE_TAG:-" + manifest.tag() + "}"), image.name());
            assertTrue(Files.isRegularFile(stackDir.resolve("images").resolve(image.context()).resolve("Dockerfile")), image.name());
        }
        assertEquals(List.of("gateway", "rabbitmq", "cosmos", "service"), manifest.images().stream().map(ImageRecipe::shortName).toList());
    }

    @Test
    void aMisspeltKeyInTheManifestIsRefusedNotIgnored() throws IOException {
        Files.createDirectories(dir.resolve("images"));
        Files.writeString(dir.resolve(ImageManifest.FILE), "suite: bookworm\ntag: local\nimages:\n  - name: a/b\n    context: b\n    pakages: [x]\n");
        CloudscaleException.Usage error = assertThrows(CloudscaleException.Usage.class, () -> ImageManifest.load(dir));
        assertTrue(error.getMessage().contains("pakages"), error.getMessage());
    }

    @Test
    void aMissingManifestSaysWhereItLooked() {
        CloudscaleException.Usage error = assertThrows(CloudscaleException.Usage.class, () -> ImageManifest.load(dir));
        assertTrue(error.getMessage().startsWith("no images/images.yaml in "), error.getMessage());
    }

    @Test
    void theInputsDigestFollowsContentNotTimestamps() throws IOException {
        Path context = Files.createDirectories(dir.resolve("ctx"));
        Files.writeString(context.resolve("Dockerfile"), "FROM x\n");
        String first = new BuildInputs().addTree("context", context).hex();
        assertEquals(first, new BuildInputs().addTree("context", context).hex());
        Files.setLastModifiedTime(context.resolve("Dockerfile"), java.nio.file.attribute.FileTime.fromMillis(0));
        assertEquals(first, new BuildInputs().addTree("context", context).hex());
        Files.writeString(context.resolve("Dockerfile"), "FROM y\n");
        assertNotEquals(first, new BuildInputs().addTree("context", context).hex());
        Files.writeString(context.resolve("Dockerfile"), "FROM x\n");
        Files.writeString(context.resolve("extra.conf"), "");
        assertNotEquals(first, new BuildInputs().addTree("context", context).hex());
    }

    @Test
    void theMirrorComesFromAptsOwnSourcesInEitherFormat() throws IOException {
        Path deb822 = dir.resolve("debian.sources");
        Files.writeString(deb822, """
                Types: deb
                URIs: http://mirror.example/debian
                Suites: bookworm bookworm-updates
                Components: main

                Types: deb
                URIs: http://mirror.example/debian-security
                Suites: bookworm-security
                Components: main
                """);
        assertEquals(Optional.of("http://mirror.example/debian"), DebianMirror.mirrorIn(deb822));
        Path list = dir.resolve("sources.list");
        Files.writeString(list, "# comment\ndeb [arch=amd64] http://other.example/debian bookworm main contrib\n");
        assertEquals(Optional.of("http://other.example/debian"), DebianMirror.mirrorIn(list));
        assertEquals("http://other.example/debian", DebianMirror.find(dir.resolve("none-such").getParent()));
        assertEquals(DebianMirror.FALLBACK, DebianMirror.find(dir.resolve("empty")));
    }
}
