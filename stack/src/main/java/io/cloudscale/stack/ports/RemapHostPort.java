package io.cloudscale.stack.ports;

import io.cloudscale.core.action.Action;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /** The value before, read as the intent is journalled: a run killed after the rename can put it back. */
    @Override
    public Map<String, String> undo() {
        Map<String, String> undo = new LinkedHashMap<>();
        undo.put("file", envFile.path().toString());
        undo.put("variable", published.variable());
        try {
            undo.put("was", envFile.get(published.variable()).orElse(""));
        } catch (IOException e) {
            undo.put("was", "unreadable: " + e.getMessage());
        }
        return undo;
    }

    @Override
    public Outcome apply() throws IOException {
        String wanted = Integer.toString(newPort);
        Optional<String> current = envFile.get(published.variable());
        if (current.isPresent() && current.get().equals(wanted)) {
            return new Outcome("%s=%d in %s already".formatted(published.variable(), newPort, envFile.path()), false);
        }
        String previous = envFile.set(published.variable(), wanted).orElse("unset (default " + published.hostPort() + ")");
        return new Outcome("%s=%d in %s (was %s); `cloudscale up` publishes %s on %d".formatted(
                published.variable(), newPort, envFile.path(), previous, published.service(), newPort));
    }
}
