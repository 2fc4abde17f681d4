package io.cloudscale.probes.docker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Assertions;

/**
 * Small images in `docker save` format, loaded through the engine API: tests need images and no
 * registry is reachable. (docker-java's createImageCmd import sends a JSON body, docker-java#2377.)
 */
public final class TinyImage {

    /** Debian's busybox-static, which `cloudscale setup --for tests` installs: one static binary, so the image needs nothing else. */
    public static final Path BUSYBOX = Path.of("/bin/busybox");

    private TinyImage() {
    }

    public record File(String name, byte[] content, int mode) {
    }

    /** An image with one inert file: enough to create containers, not to run them. */
    public static void load(DockerEngine engine, String repoTag) throws IOException {
        load(engine, repoTag, new File("marker", "cloudscale integration test\n".getBytes(StandardCharsets.US_ASCII), 0644));
    }

    /** An image holding /bin/busybox, for containers that must really run (sleep, false, nc). */
    public static void loadBusybox(DockerEngine engine, String repoTag) throws IOException {
        if (!Files.isExecutable(BUSYBOX)) {
            Assertions.fail(BUSYBOX + " is missing: install Debian's busybox-static (cloudscale setup --for tests does)");
        }
        load(engine, repoTag, new File("bin/busybox", Files.readAllBytes(BUSYBOX), 0755));
    }

    public static void load(DockerEngine engine, String repoTag, File... files) throws IOException {
        byte[] layer = tar(files);
        String diffId = "sha256:" + sha256(layer);
        byte[] config = """
                {"architecture":"amd64","os":"linux","config":{},"rootfs":{"type":"layers","diff_ids":["%s"]}}"""
                .formatted(diffId).getBytes(StandardCharsets.UTF_8);
        String configName = sha256(config) + ".json";
        byte[] manifest = """
                [{"Config":"%s","RepoTags":["%s"],"Layers":["layer/layer.tar"]}]"""
                .formatted(configName, repoTag).getBytes(StandardCharsets.UTF_8);
        byte[] image = tar(new File(configName, config, 0644), new File("layer/layer.tar", layer, 0644),
                new File("manifest.json", manifest, 0644));
        engine.client().loadImageCmd(new ByteArrayInputStream(image)).exec();
    }

    private static byte[] tar(File... files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (File file : files) {
                TarArchiveEntry entry = new TarArchiveEntry(file.name());
                entry.setSize(file.content().length);
                entry.setMode(file.mode());
                tar.putArchiveEntry(entry);
                tar.write(file.content());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
