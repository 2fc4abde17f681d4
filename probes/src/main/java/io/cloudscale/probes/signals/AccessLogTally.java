package io.cloudscale.probes.signals;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts access-log lines by status class; reads nginx JSON (`"status":503`) and combined (`" 503 190`)
 * formats. Requests for the paths it is told to ignore (the status page the probe itself reads) are
 * recognised but kept out of the classes: they are the tool's own traffic, not the clients'.
 */
public final class AccessLogTally {

    private static final Pattern JSON_STATUS = Pattern.compile("\"status\"\\s*:\\s*\"?(\\d{3})\\b");
    private static final Pattern COMBINED_STATUS = Pattern.compile("\" (\\d{3}) \\d+");
    private static final Pattern JSON_URI = Pattern.compile("\"uri\"\\s*:\\s*\"([^\"?]*)");
    private static final Pattern COMBINED_URI = Pattern.compile("\"[A-Z]+ ([^ ?\"]*)");

    private final java.util.Set<String> ignoredPaths;
    private final Map<String, Long> classes = new TreeMap<>();
    private long ignored;

    public AccessLogTally() {
        this(java.util.Set.of());
    }

    public AccessLogTally(java.util.Set<String> ignoredPaths) {
        this.ignoredPaths = java.util.Set.copyOf(ignoredPaths);
    }

    public void accept(String line) {
        Matcher json = JSON_STATUS.matcher(line);
        boolean isJson = json.find();
        Matcher combined = isJson ? null : COMBINED_STATUS.matcher(line);
        String status = isJson ? json.group(1) : combined.find() ? combined.group(1) : null;
        if (status == null) {
            return;
        }
        Matcher uri = (isJson ? JSON_URI : COMBINED_URI).matcher(line);
        if (uri.find() && ignoredPaths.contains(uri.group(1))) {
            ignored++;
            return;
        }
        classes.merge(classOf(status), 1L, Long::sum);
    }

    /** 429 and 503 are kept apart: they are how the platform sheds load. */
    static String classOf(String status) {
        return switch (status) {
            case "429", "503" -> status;
            default -> status.charAt(0) + "xx";
        };
    }

    public Map<String, Long> classes() {
        return Map.copyOf(classes);
    }

    /** Client requests seen (every recognised line but the ignored paths). */
    public long requests() {
        return classes.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Requests for the ignored paths seen. */
    public long ignored() {
        return ignored;
    }

    /** True when at least one line was recognised, the ignored ones included: the log is readable in this format. */
    public boolean readable() {
        return ignored > 0 || !classes.isEmpty();
    }
}
