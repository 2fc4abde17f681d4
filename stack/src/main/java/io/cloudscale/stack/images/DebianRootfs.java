package io.cloudscale.stack.images;

import io.cloudscale.probes.process.CommandResult;
import io.cloudscale.probes.process.CommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Makes an image's root file system without a registry: debootstrap (minbase) with the image's packages,
 * then a JRE from jlink or an npm tree where the recipe asks, then a tar of it all for the engine.
 * Downloaded packages are kept in a cache folder, so later builds do not fetch them again.
 */
record DebianRootfs(CommandRunner runner, Path cacheDir, String mirror, Path javaHome) {

    /** Enough of the platform for the services and their libraries (Netty, Jackson, the Azure SDKs). */
    static final List<String> JRE_MODULES = List.of("java.se", "jdk.unsupported", "jdk.httpserver", "jdk.naming.dns",
            "jdk.zipfs", "jdk.management", "jdk.crypto.cryptoki");
    private static final Duration SLOW_STEP = Duration.ofMinutes(20);

    /** Builds the file system for {@code image} and returns it as a tar file in the cache folder. */
    Path make(ImageManifest manifest, ImageRecipe image, Path context, BuildProgress progress) throws IOException {
        Path rootfs = cacheDir.resolve("rootfs-" + image.shortName());
        deleteTree(rootfs);
        Path debs = Files.createDirectories(cacheDir.resolve("debs"));
        List<String> packages = new ArrayList<>(manifest.basePackages());
        packages.addAll(image.packages());
        try {
            progress.stage(image, "debootstrap " + manifest.suite() + " + " + String.join(", ", packages));
            run(List.of("debootstrap", "--variant=minbase", "--include=" + String.join(",", packages),
                    "--cache-dir=" + debs, manifest.suite(), rootfs.toString(), mirror), "debootstrap");
            deleteTree(rootfs.resolve("var/lib/apt/lists"));
            Files.createDirectories(rootfs.resolve("var/lib/apt/lists/partial"));
            if (image.jre() != null) {
                progress.stage(image, "jlink a JRE from " + javaHome);
                run(List.of(javaHome.resolve("bin/jlink").toString(), "--add-modules", String.join(",", jreModules()),
                        "--strip-debug", "--no-header-files", "--no-man-pages",
                        "--output", inside(rootfs, image.jre()).toString()), "jlink");
            }
            if (image.npm() != null) {
                progress.stage(image, "npm ci into " + image.npm());
                Path target = Files.createDirectories(inside(rootfs, image.npm()));
                Files.copy(context.resolve("package.json"), target.resolve("package.json"), StandardCopyOption.REPLACE_EXISTING);
                Files.copy(context.resolve("package-lock.json"), target.resolve("package-lock.json"), StandardCopyOption.REPLACE_EXISTING);
                run(List.of("npm", "ci", "--omit=dev", "--no-audit", "--no-fund", "--prefix", target.toString()), "npm ci");
            }
            progress.stage(image, "packing the file system");
            Path tar = cacheDir.resolve(image.shortName() + "-rootfs.tar");
            run(List.of("tar", "--numeric-owner", "--xattrs", "-C", rootfs.toString(), "-cf", tar.toString(), "."), "tar");
            return tar;
        } finally {
            deleteTree(rootfs);
        }
    }

    /** The jlink module list, less modules this JDK does not have (jdk.crypto.cryptoki is not on every build). */
    List<String> jreModules() {
        CommandResult listed = runner.run(List.of(javaHome.resolve("bin/java").toString(), "--list-modules"), Duration.ofSeconds(30));
        if (!listed.succeeded()) {
            return JRE_MODULES;
        }
        return JRE_MODULES.stream()
                .filter(module -> listed.stdout().lines().anyMatch(line -> line.startsWith(module + "@")))
                .toList();
    }

    private static Path inside(Path rootfs, String absolute) {
        return rootfs.resolve(absolute.replaceFirst("^/+", ""));
    }

    private void run(List<String> command, String what) throws IOException {
        CommandResult result = runner.run(command, SLOW_STEP);
        if (!result.started()) {
            throw new IOException(what + " is not installed (" + result.stderr() + ")");
        }
        if (result.timedOut()) {
            throw new IOException(what + " did not finish within " + SLOW_STEP.toMinutes() + " minutes");
        }
        if (result.exitCode() != 0) {
            String output = (result.stdout() + "\n" + result.stderr()).strip();
            List<String> lines = output.lines().toList();
            throw new IOException(what + " failed (exit " + result.exitCode() + "): "
                    + String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size())));
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
