package io.cloudscale.stack.images;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cloudscale.core.CloudscaleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** {@code images/images.yaml} of the stack folder: which images the offline profile needs and how each is made. */
public record ImageManifest(String suite, @JsonProperty("base-packages") List<String> basePackages, String tag,
                            List<ImageRecipe> images) {

    public static final String FILE = "images/images.yaml";

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public ImageManifest {
        basePackages = basePackages == null ? List.of() : List.copyOf(basePackages);
        images = images == null ? List.of() : List.copyOf(images);
    }

    public static ImageManifest load(Path stackDir) {
        Path file = stackDir.resolve(FILE);
        try {
            ImageManifest manifest = YAML.readValue(Files.readAllBytes(file), ImageManifest.class);
            if (manifest.suite() == null || manifest.tag() == null || manifest.images().isEmpty()) {
                throw new CloudscaleException.Usage(file + ": needs suite, tag and at least one image", null);
            }
            return manifest;
        } catch (NoSuchFileException e) {
            throw new CloudscaleException.Usage("no " + FILE + " in " + stackDir,
                    "point --stack-dir (or CLOUDSCALE_STACK_DIR) at the stack folder of a cloudscale checkout");
        } catch (IOException e) {
            throw new CloudscaleException.Usage(file + ": " + e.getMessage().lines().findFirst().orElse(""), null);
        }
    }

    public String reference(ImageRecipe image) {
        return image.name() + ":" + tag;
    }
}
