package io.cloudscale.stack.images;

import io.cloudscale.probes.docker.DockerEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Turns a root file system tar into an engine image through the API's image load (the {@code docker save}
 * format: one layer, a config naming its digest, a manifest), streamed, so a 200 MB layer never sits in
 * memory. docker-java's import command cannot do this (it sends a JSON body; docker-java#2377).
 */
final class RootfsImageLoader {

    private final DockerEngine engine;

    RootfsImageLoader(DockerEngine engine) {
        this.engine = engine;
    }

    void load(Path layerTar, String reference) throws IOException {
        String diffId = "sha256:" + sha256(layerTar);
        byte[] config = """
                {"architecture":"amd64","os":"linux","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]},\
                "rootfs":{"type":"layers","diff_ids":["%s"]}}""".formatted(diffId).getBytes(StandardCharsets.UTF_8);
        String configName = HexFormat.of().formatHex(digest().digest(config)) + ".json";
        byte[] manifest = """
                [{"Config":"%s","RepoTags":["%s"],"Layers":["layer/layer.tar"]}]""".formatted(configName, reference)
                .getBytes(StandardCharsets.UTF_8);

        PipedInputStream archive = new PipedInputStream(1 << 20);
        PipedOutputStream sink = new PipedOutputStream(archive);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(sink)) {
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                entry(tar, configName, config);
                entry(tar, "manifest.json", manifest);
                TarArchiveEntry layer = new TarArchiveEntry("layer/layer.tar");
                layer.setSize(Files.size(layerTar));
                tar.putArchiveEntry(layer);
                try (InputStream in = Files.newInputStream(layerTar)) {
                    in.transferTo(tar);
                }
                tar.closeArchiveEntry();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, Thread::startVirtualThread);
        try (archive) {
            engine.loadImage(archive);
        }
        writer.join();
    }

    private static void entry(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
