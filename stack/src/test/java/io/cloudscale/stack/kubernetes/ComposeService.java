package io.cloudscale.stack.kubernetes;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * One service of a compose file as compose would run it with an empty .env: anchors and merge keys resolved
 * (SnakeYAML does both), every ${VAR:-default} replaced by its default.
 */
record ComposeService(String name, String image, List<String> command, String hostname, List<Integer> containerPorts,
                      Map<String, String> environment, Optional<Health> health) {

    /**
     * What the healthcheck asks: an HTTP(S) URL's scheme, port and path, or a bare TCP port (scheme and path null).
     * Empty for a service without a healthcheck, or one that runs a command this reading does not understand (sqlcmd).
     */
    record Health(String scheme, int port, String path) {
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*(?::?-([^}]*))?}");
    private static final Pattern URL = Pattern.compile("(https?)://(?:localhost|127\\.0\\.0\\.1):(\\d+)(/[^\\s\"']*)");
    private static final Pattern DEV_TCP = Pattern.compile("/dev/tcp/[^/]+/(\\d+)");

    @SuppressWarnings("unchecked")
    static List<ComposeService> read(Path composeFile) throws IOException {
        Map<String, Object> compose;
        try (Reader reader = Files.newBufferedReader(composeFile)) {
            compose = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        }
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        return services.entrySet().stream().map(entry -> of(entry.getKey(), (Map<String, Object>) entry.getValue())).toList();
    }

    @SuppressWarnings("unchecked")
    private static ComposeService of(String name, Map<String, Object> service) {
        List<Integer> ports = ((List<Object>) service.getOrDefault("ports", List.of())).stream()
                .map(port -> interpolate(port.toString()).replaceFirst("/(tcp|udp)$", ""))
                .map(port -> Integer.parseInt(port.substring(port.lastIndexOf(':') + 1)))
                .toList();
        Map<String, String> environment = new LinkedHashMap<>();
        ((Map<String, Object>) service.getOrDefault("environment", Map.of()))
                .forEach((key, value) -> environment.put(key, interpolate(String.valueOf(value))));
        List<String> command = ((List<Object>) service.getOrDefault("command", List.of())).stream().map(String::valueOf).toList();
        Optional<Health> health = Optional.ofNullable((Map<String, Object>) service.get("healthcheck"))
                .flatMap(check -> health(String.join(" ", ((List<Object>) check.get("test")).stream().map(String::valueOf).toList())));
        return new ComposeService(name, interpolate((String) service.get("image")), command, (String) service.get("hostname"), ports,
                environment, health);
    }

    private static Optional<Health> health(String test) {
        Matcher url = URL.matcher(test);
        if (url.find()) {
            return Optional.of(new Health(url.group(1), Integer.parseInt(url.group(2)), url.group(3)));
        }
        Matcher tcp = DEV_TCP.matcher(test);
        if (tcp.find()) {
            return Optional.of(new Health(null, Integer.parseInt(tcp.group(1)), null));
        }
        return Optional.empty();
    }

    static String interpolate(String value) {
        return VARIABLE.matcher(value).replaceAll(match -> Matcher.quoteReplacement(match.group(1) == null ? "" : match.group(1)));
    }
}
