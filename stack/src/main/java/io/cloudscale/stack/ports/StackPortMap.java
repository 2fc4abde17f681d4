package io.cloudscale.stack.ports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cloudscale.core.CloudscaleException;
import io.cloudscale.stack.StackPorts;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host ports the stack publishes, read from its compose files and resolved the way compose
 * resolves them: the process environment, then the stack's .env, then the `:-default`.
 */
public final class StackPortMap {

    /** [IP:]HOST:CONTAINER[/proto], where HOST may be ${VAR:-default}, ${VAR-default}, ${VAR} or $VAR. */
    private static final Pattern SHORT_SYNTAX = Pattern.compile(
            "^(?:(?<ip>[0-9.]+|\\[[^]]*]):)?(?<host>\\$\\{[^}]+}|\\$[A-Za-z_][A-Za-z0-9_]*|\\d+):(?<container>\\d+)(?:/\\w+)?$");
    private static final Pattern VARIABLE = Pattern.compile("^\\$\\{?(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?<op>:?-)(?<default>[^}]*))?}?$");

    private final Path stackDir;
    private final List<PublishedPort> ports;

    private StackPortMap(Path stackDir, List<PublishedPort> ports) {
        this.stackDir = stackDir;
        this.ports = List.copyOf(ports);
    }

    public static StackPortMap load(Path stackDir, Map<String, String> environment) {
        return load(stackDir, composeFiles(stackDir), environment);
    }

    /** Only the given compose files (one profile), with the stack's .env. */
    public static StackPortMap load(Path stackDir, List<Path> files, Map<String, String> environment) {
        files = files.stream().filter(Files::isRegularFile).toList();
        if (files.isEmpty()) {
            return new StackPortMap(stackDir, List.of());
        }
        try {
            Map<String, String> dotEnv = new EnvFile(stackDir.resolve(".env")).values();
            List<PublishedPort> ports = new ArrayList<>();
            for (Path file : files) {
                JsonNode services = new YAMLMapper().readTree(file.toFile()).path("services");
                for (Map.Entry<String, JsonNode> service : services.properties()) {
                    for (JsonNode entry : service.getValue().path("ports")) {
                        parse(service.getKey(), entry, file, environment, dotEnv).ifPresent(ports::add);
                    }
                }
            }
            return new StackPortMap(stackDir, ports);
        } catch (IOException e) {
            throw new CloudscaleException.Usage("cannot read the stack's compose files in " + stackDir + ": "
                    + e.getMessage().lines().findFirst().orElse(""), "check --stack-dir");
        }
    }

    private static List<Path> composeFiles(Path stackDir) {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(stackDir)) {
            return files;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(stackDir, "*compose*.{yml,yaml}")) {
            entries.forEach(files::add);
        } catch (IOException e) {
            return files;
        }
        files.sort(null);
        return files;
    }

    private static Optional<PublishedPort> parse(String service, JsonNode entry, Path file,
                                                 Map<String, String> environment, Map<String, String> dotEnv) {
        String host;
        String container;
        if (entry.isObject()) {
            if (!entry.hasNonNull("published")) {
                return Optional.empty();
            }
            host = entry.get("published").asText();
            container = entry.path("target").asText();
        } else {
            Matcher matcher = SHORT_SYNTAX.matcher(entry.asText().strip());
            if (!matcher.matches()) {
                return Optional.empty(); // container-only or range: nothing fixed to remap
            }
            host = matcher.group("host");
            container = matcher.group("container");
        }
        String variable = null;
        Matcher reference = VARIABLE.matcher(host);
        if (reference.matches()) {
            variable = reference.group("name");
            host = resolve(variable, reference.group("op"), reference.group("default"), environment, dotEnv);
        }
        try {
            return Optional.of(new PublishedPort(service, Integer.parseInt(host), Integer.parseInt(container), variable, file.getFileName().toString()));
        } catch (NumberFormatException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** Compose's rules: `:-` uses the default when unset or empty, `-` only when unset. */
    private static String resolve(String name, String operator, String fallback, Map<String, String> environment, Map<String, String> dotEnv) {
        String value = environment.containsKey(name) ? environment.get(name) : dotEnv.get(name);
        boolean useDefault = value == null || (value.isEmpty() && ":-".equals(operator));
        return useDefault ? fallback : value;
    }

    public Path stackDir() {
        return stackDir;
    }

    public EnvFile envFile() {
        return new EnvFile(stackDir.resolve(".env"));
    }

    public List<PublishedPort> ports() {
        return ports;
    }

    /** The stack's host ports; the platform's defaults when no compose file is there yet. */
    public List<Integer> hostPorts() {
        return ports.isEmpty() ? StackPorts.DEFAULT_HOST_PORTS : ports.stream().map(PublishedPort::hostPort).distinct().sorted().toList();
    }

    public Optional<PublishedPort> publishing(int hostPort) {
        return ports.stream().filter(port -> port.hostPort() == hostPort).findFirst();
    }
}
