package io.cloudscale.probes.signals;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Counts access-log lines by status class; reads nginx JSON (`"status":503`) and combined (`" 503 190`) formats. */
public final class AccessLogTally {

    private static final Pattern JSON_STATUS = Pattern.compile("\"status\"\\s*:\\s*\"?(\\d{3})\\b");
    private static final Pattern COMBINED_STATUS = Pattern.compile("\" (\\d{3}) \\d+");

    private final Map<String, Long> classes = new TreeMap<>();

    public void accept(String line) {
        Matcher json = JSON_STATUS.matcher(line);
        Matcher combined = COMBINED_STATUS.matcher(line);
        String status = json.find() ? json.group(1) : combined.find() ? combined.group(1) : null;
        if (status != null) {
            classes.merge(classOf(status), 1L, Long::sum);
        }
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
}
