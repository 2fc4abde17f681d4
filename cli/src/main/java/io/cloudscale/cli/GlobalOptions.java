package io.cloudscale.cli;

import static picocli.CommandLine.ScopeType.INHERIT;

import io.cloudscale.core.config.ConfigKey;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Options every command accepts, before or after its name. Inherited options bind to this one
 * object, so a subcommand sees what was given anywhere on the line.
 */
public final class GlobalOptions {

    @Option(names = {"-v", "--verbose"}, scope = INHERIT,
            description = "More detail on stderr; repeat for more (-vv debug, -vvv trace).")
    boolean[] verbose = new boolean[0];

    @Option(names = {"-q", "--quiet"}, scope = INHERIT, description = "Only problems and results; no progress.")
    boolean quiet;

    @Option(names = {"-x", "--stacktrace"}, scope = INHERIT, description = "Print the stack trace of an error.")
    boolean stacktrace;

    @Option(names = {"-o", "--output"}, scope = INHERIT, paramLabel = "text|json",
            description = "Result format (env CLOUDSCALE_OUTPUT; default text). JSON is versioned: cloudscale/v1.")
    String output;

    @Option(names = "--no-color", scope = INHERIT,
            description = "No ANSI colour (also NO_COLOR, and whenever stdout is not a terminal).")
    boolean noColor;

    @Option(names = {"-p", "--project"}, scope = INHERIT, paramLabel = "NAME",
            description = "Compose project of the stack (env CLOUDSCALE_PROJECT; default cloudscale).")
    String project;

    @Option(names = "--stack-dir", scope = INHERIT, paramLabel = "DIR",
            description = "Folder holding the stack's compose files (env CLOUDSCALE_STACK_DIR; default ./stack).")
    String stackDir;

    @Option(names = "--target", scope = INHERIT, paramLabel = "compose|kubernetes",
            description = "Where the platform runs (env CLOUDSCALE_TARGET; default compose).")
    String target;

    @Option(names = "--context", scope = INHERIT, paramLabel = "CONTEXT",
            description = "Kubeconfig context of the kubernetes target (env CLOUDSCALE_CONTEXT; default the kubeconfig's current one).")
    String context;

    @Option(names = "--namespace", scope = INHERIT, paramLabel = "NAMESPACE",
            description = "Namespace of the kubernetes target (env CLOUDSCALE_NAMESPACE; default cloudscale).")
    String namespace;

    public int verbosity() {
        return quiet ? -1 : verbose.length;
    }

    public boolean quiet() {
        return quiet;
    }

    public boolean stacktrace() {
        return stacktrace;
    }

    /**
     * `load --target URL` named load's endpoint before --target named where the platform runs, and operators' scripts
     * say it so: a --target that is a URL is that endpoint (load --url), never a target.
     */
    public Optional<String> endpointGivenAsTarget() {
        return target != null && givesAnEndpoint(target) ? Optional.of(target) : Optional.empty();
    }

    private static boolean givesAnEndpoint(String value) {
        return value.startsWith("http://") || value.startsWith("https://");
    }

    /** Only the settings the operator gave on the command line; the rest resolve from env, file, default. */
    Map<ConfigKey, String> flags() {
        Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
        if (output != null) {
            flags.put(ConfigKey.OUTPUT, output);
        }
        if (project != null) {
            flags.put(ConfigKey.PROJECT, project);
        }
        if (stackDir != null) {
            flags.put(ConfigKey.STACK_DIR, stackDir);
        }
        if (target != null && !givesAnEndpoint(target)) {
            flags.put(ConfigKey.TARGET, target);
        }
        if (context != null) {
            flags.put(ConfigKey.CONTEXT, context);
        }
        if (namespace != null) {
            flags.put(ConfigKey.NAMESPACE, namespace);
        }
        if (noColor) {
            flags.put(ConfigKey.COLOR, "never");
        }
        return flags;
    }
}
