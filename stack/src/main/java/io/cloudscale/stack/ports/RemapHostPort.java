package io.cloudscale.stack.ports;

import io.cloudscale.core.action.Action;
import java.io.IOException;
import java.util.List;

/**
 * The long-term fix when the holder is not ours to touch: publish the service on another host port
 * by setting its compose variable in the stack's .env, so the next `up` uses it. The container
 * side does not change, so services that reach each other by name are unaffected.
 */
record RemapHostPort(EnvFile envFile, PublishedPort published, int newPort, List<String> evidence, String reason) implements Action {

    @Override
    public String kind() {
        return "remap-port";
    }

    @Override
    public String target() {
        return envFile.path() + " " + published.variable();
    }

    @Override
    public String description() {
        return "publish %s on host port %d instead of %d (container port %d): set %s=%d in %s".formatted(
                published.service(), newPort, published.hostPort(), published.containerPort(), published.variable(), newPort, envFile.path());
    }

    @Override
    public Outcome apply() throws IOException {
        String previous = envFile.set(published.variable(), Integer.toString(newPort)).orElse("unset (default " + published.hostPort() + ")");
        return new Outcome("%s=%d in %s (was %s); `cloudscale up` publishes %s on %d".formatted(
                published.variable(), newPort, envFile.path(), previous, published.service(), newPort));
    }
}
