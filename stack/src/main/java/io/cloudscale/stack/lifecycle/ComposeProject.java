package io.cloudscale.stack.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cloudscale.core.CloudscaleException;
import io.cloudscale.probes.process.CommandResult;
import io.cloudscale.probes.process.CommandRunner;
import io.cloudscale.stack.compose.ComposeCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One compose file run as one project: the command line is an argument list (never a shell string), so
 * the project and file names cannot be re-read as anything else. Compose stays the engine: an operator
 * can run the same `docker compose -p P -f F ...` by hand.
 */
public final class ComposeProject {

    private final ComposeCli cli;
    private final String project;
    private final Path composeFile;
    private final CommandRunner runner;
    private final java.util.Map<String, String> environment;

    /** @param environment the operator's environment as the tool sees it: compose reads port overrides from it */
    public ComposeProject(ComposeCli cli, String project, Path composeFile, CommandRunner runner, java.util.Map<String, String> environment) {
        if (!Files.isRegularFile(composeFile)) {
            throw new CloudscaleException.Usage("no compose file " + composeFile, "point --stack-dir at the stack folder of a cloudscale checkout");
        }
        this.cli = cli;
        this.project = project;
        this.composeFile = composeFile;
        this.runner = runner;
        this.environment = java.util.Map.copyOf(environment);
    }

    public List<String> command(String... arguments) {
        List<String> command = new ArrayList<>(cli.baseCommand());
        command.addAll(List.of("-p", project, "-f", composeFile.toString()));
        command.addAll(List.of(arguments));
        return command;
    }

    /** The same project with some settings (compose variables) over the operator's own: a drill's fault. */
    public ComposeProject withSettings(java.util.Map<String, String> settings) {
        java.util.Map<String, String> merged = new java.util.HashMap<>(environment);
        merged.putAll(settings);
        return new ComposeProject(cli, project, composeFile, runner, merged);
    }

    public CommandResult run(Duration timeout, String... arguments) {
        return runner.run(command(arguments), timeout, environment);
    }

    public Path composeFile() {
        return composeFile;
    }

    public String project() {
        return project;
    }

    /**
     * Each service's image as compose resolves it (settings interpolated, anchors merged: `compose config`);
     * a service without an image (built under a generated name) is left out. Empty when compose cannot say:
     * what asks only explains a failure already known, so it has nothing to add then.
     */
    public Map<String, String> images(Duration timeout) {
        CommandResult config = run(timeout, "config");
        if (!config.succeeded()) {
            return Map.of();
        }
        try {
            JsonNode services = new YAMLMapper().readTree(config.stdout()).path("services");
            Map<String, String> images = new java.util.LinkedHashMap<>();
            services.fields().forEachRemaining(service -> {
                String image = service.getValue().path("image").asText("");
                if (!image.isEmpty()) {
                    images.put(service.getKey(), image);
                }
            });
            return images;
        } catch (IOException e) {
            return Map.of();
        }
    }

    /** The services the file defines, in file order. */
    public List<String> services() {
        try {
            JsonNode services = new YAMLMapper().readTree(composeFile.toFile()).path("services");
            List<String> names = new ArrayList<>();
            services.fieldNames().forEachRemaining(names::add);
            return names;
        } catch (IOException e) {
            throw new CloudscaleException.Usage("cannot read " + composeFile + ": " + e.getMessage().lines().findFirst().orElse(""), null);
        }
    }
}
