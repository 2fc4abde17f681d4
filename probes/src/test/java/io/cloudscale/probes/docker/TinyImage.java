package io.cloudscale.probes.docker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A one-file image in `docker save` format, loaded through the engine API: tests need an image and
 * no registry is reachable. (docker-java's createImageCmd import sends a JSON body, docker-java#2377.)
 */
public final class TinyImage {

    private TinyImage() {
    }

    public static void load(DockerEngine engine, String repoTag) throws IOException {
        byte[] layer = tar(new Entry("marker", "cloudscale integration test\n".getBytes(StandardCharsets.US_ASCII)));
        String diffId = "sha256:" + sha256(layer);
        byte[] config = """
                {"architecture":"amd64","os":"linux","config":{},"rootfs":{"type":"layers","diff_ids":["%s"]}}"""
                .formatted(diffId).getBytes(StandardCharsets.UTF_8);
        String configName = sha256(config) + ".json";
        byte[] manifest = """
                [{"Config":"%s","RepoTags":["%s"],"Layers":["layer/layer.tar"]}]"""
                .formatted(configName, repoTag).getBytes(StandardCharsets.UTF_8);
        byte[] image = tar(new Entry(configName, config), new Entry("layer/layer.tar", layer), new Entry("manifest.json", manifest));
        engine.client().loadImageCmd(new ByteArrayInputStream(image)).exec();
    }

    private record Entry(String name, byte[] content) {
    }

    private static byte[] tar(Entry... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (Entry file : entries) {
                TarArchiveEntry entry = new TarArchiveEntry(file.name());
                entry.setSize(file.content().length);
                entry.setMode(0644);
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
