package io.cloudscale.playbooks.runbook;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A runbook file read as a YAML node tree (every value keeps its line and column), with the limits a file
 * from anyone must meet before it is parsed at all: its size, alias expansion (billion laughs), nesting
 * depth, and no duplicate keys (the second would silently win).
 */
public final class YamlDocument {

    /** Runbooks are pages, not data sets. */
    public static final long MAX_BYTES = 256 * 1024;
    static final int MAX_ALIASES = 20;
    static final int MAX_DEPTH = 32;

    /** The parsed tree, or where and why it could not be parsed. */
    public record Parsed(Node root, Problem problem) {
    }

    private YamlDocument() {
    }

    public static Parsed read(Path file) {
        String name = file.toString();
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                return failed(name, 1, 1, "the file is %d bytes; a runbook may have at most %d".formatted(size, MAX_BYTES));
            }
            try (InputStream in = Files.newInputStream(file)) {
                return parse(name, new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            return failed(name, 1, 1, "cannot read it: " + e.getMessage());
        }
    }

    public static Parsed parse(String name, Reader reader) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit((int) MAX_BYTES);
        try {
            Node root = new Yaml(options).compose(reader);
            if (root == null) {
                return failed(name, 1, 1, "the file is empty");
            }
            return new Parsed(root, null);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String message = (e.getContext() == null ? "" : e.getContext() + ": ") + (e.getProblem() == null ? "not valid YAML" : e.getProblem());
            return mark == null ? failed(name, 1, 1, clean(message)) : failed(name, mark.getLine() + 1, mark.getColumn() + 1, clean(message));
        } catch (YAMLException e) {
            // the loader's limits (aliases, size) throw without a position
            return failed(name, 1, 1, clean(e.getMessage()));
        }
    }

    private static String clean(String message) {
        String first = message == null ? "not valid YAML" : message.lines().findFirst().orElse(message).strip();
        return first.replace("Nesting Depth exceeded max " + MAX_DEPTH, "nested more than " + MAX_DEPTH + " levels deep")
                .replace("Number of aliases for non-scalar nodes exceeds the specified max=" + MAX_ALIASES,
                "more than " + MAX_ALIASES + " aliases to collections (an alias bomb?)");
    }

    private static Parsed failed(String name, int line, int column, String message) {
        return new Parsed(null, new Problem(name, line, column, message));
    }
}
