package io.cloudscale.core.json;

/**
 * Every JSON document the tool prints: {@code {"schema": "cloudscale/v1", "kind": ..., "data": ...}}.
 * Scripts switch on {@code kind} and can refuse a {@code schema} they do not know.
 */
public record Envelope(String schema, String kind, Object data) {

    public static Envelope of(String kind, Object data) {
        return new Envelope(Json.SCHEMA, kind, data);
    }
}
