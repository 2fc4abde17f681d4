package io.cloudscale.stack.compose;

import java.util.List;

/**
 * The compose program found on this machine. {@code baseCommand} is the argument list to prefix
 * (["docker", "compose"] or ["docker-compose"]); commands are never built as shell strings.
 */
public record ComposeCli(Flavor flavor, String version, List<String> baseCommand) {

    public enum Flavor {
        /** The Go plugin, `docker compose`: supports `up --wait`, current API versions. */
        V2,
        /** The Python `docker-compose`: end of life, pins an old API version, no `up --wait`. */
        V1
    }
}
