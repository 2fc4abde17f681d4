package io.cloudscale.stack.images;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.Failures;
import io.cloudscale.probes.docker.DockerEngine;
import io.cloudscale.probes.process.CommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Builds the stack's images, each only when its inputs changed. With {@code local}, the base of every
 * image is made here from Debian packages (no registry needed); otherwise the Dockerfiles' own bases
 * are pulled from the registry as usual.
 */
public final class StackImages {

    /** Label carrying the digest of an image's inputs; equal digest, nothing to do. */
    public static final String INPUTS_LABEL = "io.cloudscale.inputs";
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(20);

    private final DockerEngine engine;
    private final Path stackDir;
    private final ImageManifest manifest;
    private final Path cacheDir;
    private final Path javaHome;
    private final CommandRunner runner = new CommandRunner();

    public StackImages(DockerEngine engine, Path stackDir, Path cacheDir, Path javaHome) {
        this.engine = engine;
        this.stackDir = stackDir;
        this.manifest = ImageManifest.load(stackDir);
        this.cacheDir = cacheDir;
        this.javaHome = javaHome;
    }

    /** Downloads and root file systems cached under the user's ~/.cache; a JRE made from the JDK running the tool. */
    public static StackImages inUserCache(DockerEngine engine, Path stackDir, Path home) {
        return new StackImages(engine, stackDir, home.resolve(".cache/cloudscale/images"), Path.of(System.getProperty("java.home")));
    }

    public ImageManifest manifest() {
        return manifest;
    }

    /** Builds the named images (all when {@code only} is empty), in manifest order, stopping at nothing: each gets an outcome. */
    public List<ImageOutcome> build(boolean local, boolean force, Set<String> only, BuildProgress progress) {
        for (String wanted : only) {
            if (manifest.images().stream().noneMatch(image -> image.name().equals(wanted) || image.shortName().equals(wanted))) {
                throw new CloudscaleException.Usage("no image '" + wanted + "' in " + ImageManifest.FILE,
                        "images: " + String.join(", ", manifest.images().stream().map(ImageRecipe::shortName).toList()));
            }
        }
        String mirror = local ? DebianMirror.find(Path.of("/etc/apt")) : null;
        List<ImageOutcome> outcomes = new ArrayList<>();
        for (ImageRecipe image : manifest.images()) {
            if (!only.isEmpty() && !only.contains(image.name()) && !only.contains(image.shortName())) {
                continue;
            }
            long started = System.nanoTime();
            ImageOutcome outcome;
            try {
                outcome = buildOne(image, local, force, mirror, progress, started);
            } catch (IOException | RuntimeException e) {
                outcome = new ImageOutcome(manifest.reference(image), ImageOutcome.Result.FAILED, since(started), null,
                        Failures.describe(e));
            }
            progress.finished(outcome);
            outcomes.add(outcome);
        }
        return outcomes;
    }

    private ImageOutcome buildOne(ImageRecipe image, boolean local, boolean force, String mirror, BuildProgress progress, long started)
            throws IOException {
        Path context = stackDir.resolve("images").resolve(image.context()).normalize();
        if (!Files.isRegularFile(context.resolve("Dockerfile"))) {
            throw new IOException("no Dockerfile in " + context);
        }
        String reference = manifest.reference(image);
        String baseInputs = local ? baseInputs(image, context, mirror) : "registry";
        BuildInputs inputs = new BuildInputs().add("base", baseInputs).addTree("context", context);
        for (Map.Entry<String, String> file : image.files().entrySet()) {
            Path source = source(file.getValue());
            inputs.addTree("file:" + file.getKey(), source);
        }
        String digest = inputs.hex();
        if (!force && digest.equals(label(reference).orElse(null))) {
            return new ImageOutcome(reference, ImageOutcome.Result.UP_TO_DATE, since(started), digest, "inputs unchanged");
        }
        String base = null;
        if (local) {
            base = "cloudscale/base-" + image.shortName() + ":" + baseInputs.substring(0, 12);
            if (force || !exists(base)) {
                Files.createDirectories(cacheDir);
                Path tar = new DebianRootfs(runner, cacheDir, mirror, javaHome).make(manifest, image, context, progress);
                try {
                    progress.stage(image, "loading " + base + " into the engine");
                    new RootfsImageLoader(engine).load(tar, base);
                } finally {
                    Files.deleteIfExists(tar);
                }
            }
        }
        Path buildContext = assemble(image, context);
        try {
            progress.stage(image, "docker build " + reference + (base == null ? "" : " FROM " + base));
            dockerBuild(image, buildContext, reference, base, digest, progress);
        } finally {
            DebianRootfs.deleteTree(buildContext);
        }
        return new ImageOutcome(reference, ImageOutcome.Result.BUILT, since(started), digest,
                local ? "from " + base : "from the registry's base");
    }

    /** What the local base is made of: the same digest means the same packages from the same suite. */
    private String baseInputs(ImageRecipe image, Path context, String mirror) throws IOException {
        BuildInputs base = new BuildInputs()
                .add("suite", manifest.suite())
                .add("mirror", mirror)
                .add("packages", manifest.basePackages())
                .add("image-packages", image.packages());
        if (image.jre() != null) {
            base.add("jre", image.jre()).add("jre-modules", DebianRootfs.JRE_MODULES)
                    .add("jdk", Files.readString(javaHome.resolve("release")));
        }
        if (image.npm() != null) {
            base.add("npm", image.npm()).addTree("lock", context.resolve("package-lock.json"));
        }
        return base.hex();
    }

    private Path source(String relative) throws IOException {
        Path source = stackDir.resolve("images").resolve(relative).normalize();
        if (!Files.isRegularFile(source)) {
            throw new IOException(source + " is missing: build it first (./mvnw -B package -DskipTests)");
        }
        return source;
    }

    /** The Dockerfile folder plus the recipe's extra files, copied to a scratch folder sent as the build context. */
    private Path assemble(ImageRecipe image, Path context) throws IOException {
        Path scratch = Files.createTempDirectory("cloudscale-build-" + image.shortName());
        try (Stream<Path> walk = Files.walk(context)) {
            for (Path path : walk.toList()) {
                Path target = scratch.resolve(context.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else if (!context.relativize(path).startsWith("node_modules")) {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        for (Map.Entry<String, String> file : image.files().entrySet()) {
            Files.copy(source(file.getValue()), scratch.resolve(file.getKey()), StandardCopyOption.REPLACE_EXISTING);
        }
        return scratch;
    }

    private void dockerBuild(ImageRecipe image, Path buildContext, String reference, String base, String digest, BuildProgress progress)
            throws IOException {
        try {
            engine.buildImage(buildContext.toFile(), reference, Map.of(INPUTS_LABEL, digest), base == null ? Map.of() : Map.of("BASE", base),
                    base == null, line -> progress.output(image, line), BUILD_TIMEOUT);
        } catch (RuntimeException e) {
            throw new IOException("docker build of " + reference + " failed: " + e.getMessage(), e);
        }
    }

    private Optional<String> label(String reference) {
        return engine.imageLabel(reference, INPUTS_LABEL);
    }

    private boolean exists(String reference) {
        return engine.imageExists(reference);
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
