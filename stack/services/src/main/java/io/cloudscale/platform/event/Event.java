package io.cloudscale.platform.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudscale.platform.common.Json;
import java.io.IOException;
import java.time.Instant;

/**
 * An accepted event. Its id is the idempotency key end to end: the queue's message id and the
 * store's document id, so a redelivered message overwrites itself instead of counting twice.
 * {@code schema} is the message contract's version: a producer deployed ahead of its consumers writes a
 * version they cannot read, and each such message is a poison message for them.
 */
public record Event(String id, String type, String source, Instant time, JsonNode data, Instant receivedAt, int schema) {

    /** The contract version this build writes and reads. */
    public static final int SCHEMA = 1;

    public Event(String id, String type, String source, Instant time, JsonNode data, Instant receivedAt) {
        this(id, type, source, time, data, receivedAt, SCHEMA);
    }

    public byte[] toJson() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("schema", schema);
        node.put("id", id);
        node.put("type", type);
        node.put("source", source);
        node.put("time", time.toString());
        node.set("data", data);
        node.put("receivedAt", receivedAt.toString());
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads an event from the queue; a body that is not one is a poison message. */
    public static Event fromJson(byte[] body) throws MalformedEvent {
        return fromJson(body, SCHEMA);
    }

    /** As {@link #fromJson(byte[])}, and a contract newer than {@code maxSchema} is a poison message too. */
    public static Event fromJson(byte[] body, int maxSchema) throws MalformedEvent {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new MalformedEvent("not JSON: " + firstLine(e.getMessage()));
        }
        if (node == null || !node.isObject()) {
            throw new MalformedEvent("not a JSON object");
        }
        int schema = node.path("schema").asInt(SCHEMA);
        if (schema > maxSchema) {
            throw new MalformedEvent("schema " + schema + " is newer than this consumer reads (up to " + maxSchema + ")");
        }
        try {
            return new Event(text(node, "id"), text(node, "type"), text(node, "source"),
                    Instant.parse(text(node, "time")), node.path("data"), Instant.parse(text(node, "receivedAt")), schema);
        } catch (RuntimeException e) {
            throw new MalformedEvent("bad field: " + firstLine(e.getMessage()));
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(field + " missing");
        }
        return value.asText();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    /** A queue message that can never become an event, however often it is retried. */
    public static final class MalformedEvent extends Exception {
        public MalformedEvent(String message) {
            super(message);
        }
    }
}
