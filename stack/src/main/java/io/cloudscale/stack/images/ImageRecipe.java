package io.cloudscale.stack.images;

import java.util.List;
import java.util.Map;

/**
 * One image of the stack: its Dockerfile folder, the Debian packages a local base must hold, and what is
 * added to that base besides (a jlink'd JRE, an npm tree, files from the build).
 *
 * @param npm   where in the image {@code npm ci} of the context's package-lock.json goes, or null
 * @param jre   where in the image a JRE made with jlink goes, or null
 * @param files build-context file name to its source, relative to the stack folder's images/ folder
 */
public record ImageRecipe(String name, String context, List<String> packages, String npm, String jre, Map<String, String> files) {

    public ImageRecipe {
        packages = packages == null ? List.of() : List.copyOf(packages);
        files = files == null ? Map.of() : Map.copyOf(files);
    }

    /** The last part of the name: cloudscale/gateway -> gateway. */
    public String shortName() {
        return name.substring(name.lastIndexOf('/') + 1);
    }
}
