package io.cloudscale.playbooks.runbook;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.playbooks.rca.PlatformProbes;
import io.cloudscale.playbooks.rca.Diagnostician;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where runbooks come from: the built-ins shipped in the jar ({@code runbooks/NAME.yaml}, from the module's
 * {@code builtin/} folder), or a file. Reads and validates one with everything it runs, and names a cycle of
 * {@code run:} steps where it closes.
 */
public final class RunbookCatalog {

    /** The built-ins, in the order `playbook list` shows them. */
    public static final List<String> BUILT_INS = List.of("zero-events", "ports", "cosmos-cert", "load-shedding");
    private static final String PREFIX = "builtin:";

    /** The names a runbook may use, without an engine. */
    public static final RunbookReader.Names NAMES = new RunbookReader.Names() {
        @Override
        public Set<String> probes() {
            return PlatformProbes.names();
        }

        @Override
        public Set<String> diagnoses() {
            return Diagnostician.TREES;
        }

        @Override
        public Set<String> actions() {
            return RunbookActions.names();
        }

        @Override
        public boolean runbookExists(String reference, String from) {
            try {
                return BUILT_INS.contains(reference) || Files.isRegularFile(resolveFile(reference, from));
            } catch (InvalidPathException e) {
                return false; // a NUL in a YAML string, say: no file has that name
            }
        }
    };

    private RunbookCatalog() {
    }

    /** A built-in's name, or a path to a file. */
    public static boolean isFile(String reference) {
        return reference.endsWith(".yaml") || reference.endsWith(".yml") || reference.contains("/");
    }

    static Path resolveFile(String reference, String from) {
        Path path = Path.of(reference);
        if (path.isAbsolute() || from == null || from.startsWith(PREFIX)) {
            return path;
        }
        Path parent = Path.of(from).toAbsolutePath().getParent();
        return parent == null ? path : parent.resolve(path);
    }

    /** Reads and validates the runbook and every runbook its run: steps reach. */
    public static RunbookReader.Result load(String reference) {
        return load(reference, null);
    }

    /** As {@link #load(String)}, a file reference resolved against the runbook that names it. */
    public static RunbookReader.Result load(String reference, String from) {
        return load(reference, from, new LinkedHashSet<>());
    }

    private static RunbookReader.Result load(String reference, String from, LinkedHashSet<String> path) {
        String source;
        YamlDocument.Parsed parsed;
        if (!isFile(reference) && BUILT_INS.contains(reference)) {
            source = PREFIX + reference;
            parsed = builtIn(reference);
        } else if (!isFile(reference)) {
            throw new CloudscaleException.Usage("no built-in runbook named '" + reference + "'", "cloudscale playbook list; a file needs a path (./x.yaml)");
        } else {
            Path file = resolveFile(reference, from);
            if (!Files.isRegularFile(file)) {
                throw new CloudscaleException.Usage("no such runbook file: " + file, null);
            }
            source = file.toString();
            parsed = YamlDocument.read(file);
        }
        RunbookReader.Result result = RunbookReader.read(parsed, source, NAMES);
        if (!result.valid()) {
            return result;
        }
        path.add(identity(source));
        List<Problem> problems = new ArrayList<>();
        for (Step step : result.runbook().steps()) {
            if (!(step.kind() instanceof StepKind.Run(String nestedRunbook))) {
                continue;
            }
            String target = isFile(nestedRunbook) ? identity(resolveFile(nestedRunbook, source).toString()) : identity(PREFIX + nestedRunbook);
            if (path.contains(target)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(target);
                problems.add(new Problem(source, step.line(), step.column(), "run: " + nestedRunbook + " closes a cycle: "
                        + String.join(" -> ", cycle.subList(cycle.indexOf(target), cycle.size()))));
                continue;
            }
            RunbookReader.Result nested = load(nestedRunbook, source, path);
            problems.addAll(nested.problems());
        }
        path.remove(identity(source));
        return problems.isEmpty() ? result : new RunbookReader.Result(null, problems);
    }

    private static String identity(String source) {
        if (source.startsWith(PREFIX)) {
            return source;
        }
        try {
            return Path.of(source).toRealPath().toString();
        } catch (IOException e) {
            return Path.of(source).toAbsolutePath().normalize().toString();
        }
    }

    private static YamlDocument.Parsed builtIn(String name) {
        InputStream in = RunbookCatalog.class.getResourceAsStream("/runbooks/" + name + ".yaml");
        if (in == null) {
            throw new CloudscaleException.Internal("the built-in runbook " + name + " is missing from the jar", null);
        }
        try (in) {
            return YamlDocument.parse(PREFIX + name, new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CloudscaleException.Internal("cannot read the built-in runbook " + name, e);
        }
    }

    /** A built-in's text, for `playbook new --from` and the docs. */
    public static String builtInText(String name) {
        try (InputStream in = RunbookCatalog.class.getResourceAsStream("/runbooks/" + name + ".yaml")) {
            if (in == null) {
                throw new CloudscaleException.Usage("no built-in runbook named '" + name + "'", "cloudscale playbook list");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CloudscaleException.Internal("cannot read the built-in runbook " + name, e);
        }
    }
}
