package io.cloudscale.platform.common;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A service's own view of whether it can do its job, with the reason when it cannot. While it waits for
 * something before it can start, {@code waiting} says for what, where, and how many attempts so far, so
 * that a probe reads the component at fault rather than guessing it from the symptom.
 */
public record Health(boolean up, String detail, Waiting waiting) {

    /** What a service waits for before it can start: e.g. the store's certificate at its URL, attempt 3. */
    public record Waiting(String what, String at, int attempt, String lastError) {

        /** One line, the same in /health and in the service's log: "waiting for WHAT at AT, attempt N: ERROR". */
        public String text() {
            return "waiting for " + what + " at " + at + ", attempt " + attempt + (lastError == null ? "" : ": " + lastError);
        }
    }

    public static Health up(String detail) {
        return new Health(true, detail, null);
    }

    public static Health down(String detail) {
        return new Health(false, detail, null);
    }

    public static Health waiting(Waiting waiting) {
        return new Health(false, waiting.text(), waiting);
    }

    /** The text form of /health: "UP detail" or "DOWN detail". */
    public String text() {
        return (up ? "UP " : "DOWN ") + detail;
    }

    /** The JSON form of /health: {"status": "UP"|"DOWN", "detail": ..., "waiting": {"for", "at", "attempt", "lastError"}}. */
    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", up ? "UP" : "DOWN");
        json.put("detail", detail);
        if (waiting != null) {
            Map<String, Object> about = new LinkedHashMap<>();
            about.put("for", waiting.what());
            about.put("at", waiting.at());
            about.put("attempt", waiting.attempt());
            about.put("lastError", waiting.lastError());
            json.put("waiting", about);
        }
        return json;
    }
}
