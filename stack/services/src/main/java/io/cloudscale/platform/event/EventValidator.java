package io.cloudscale.platform.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.cloudscale.platform.common.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Checks a posted body and turns it into an {@link Event}, or says in one sentence what is wrong.
 * Unknown fields are refused: a misspelt field silently dropped is data lost.
 */
public final class EventValidator {

    public static final int MAX_BODY_BYTES = 64 * 1024;
    static final Set<String> FIELDS = Set.of("id", "type", "source", "time", "data");
    // Cosmos DB refuses ids containing / \ ? #; refusing them here keeps poison out of the queue.
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:/-]{1,100}");

    private final Clock clock;
    private final int schema;

    public EventValidator(Clock clock) {
        this(clock, Event.SCHEMA);
    }

    /** @param schema the contract version accepted events are written with (EVENT_SCHEMA_VERSION) */
    public EventValidator(Clock clock, int schema) {
        this.clock = clock;
        this.schema = schema;
    }

    /** The outcome of validation: an event, or the reason it is not one. */
    public sealed interface Result {
        record Valid(Event event) implements Result {
        }

        record Invalid(String reason) implements Result {
        }
    }

    public Result validate(byte[] body) {
        if (body == null) {
            return invalid("body larger than " + MAX_BODY_BYTES + " bytes");
        }
        if (body.length == 0) {
            return invalid("empty body: expected a JSON event");
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return invalid("malformed JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            return invalid("unreadable body");
        }
        if (node == null || !node.isObject()) {
            return invalid("expected a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                return invalid("unknown field '" + name + "' (allowed: data, id, source, time, type)");
            }
        }
        String type = textField(node, "type");
        if (type == null || !NAME.matcher(type).matches()) {
            return invalid("'type' must be a string of 1-100 letters, digits or . _ : / -");
        }
        String source = textField(node, "source");
        if (source == null || !NAME.matcher(source).matches()) {
            return invalid("'source' must be a string of 1-100 letters, digits or . _ : / -");
        }
        String id = UUID.randomUUID().toString();
        if (node.has("id")) {
            id = textField(node, "id");
            if (id == null || !ID.matcher(id).matches()) {
                return invalid("'id' must be a string of 1-128 letters, digits or . _ : -");
            }
        }
        Instant now = clock.instant();
        Instant time = now;
        if (node.has("time")) {
            String text = textField(node, "time");
            try {
                time = Instant.parse(text == null ? "" : text);
            } catch (DateTimeParseException e) {
                return invalid("'time' must be an ISO-8601 instant such as 2026-11-26T08:00:00Z");
            }
        }
        JsonNode data = node.path("data");
        if (!data.isMissingNode() && !data.isObject()) {
            return invalid("'data' must be a JSON object");
        }
        if (data.isMissingNode()) {
            data = Json.MAPPER.createObjectNode();
        }
        return new Result.Valid(new Event(id, type, source, time, data, now, schema));
    }

    private static String textField(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static Result invalid(String reason) {
        return new Result.Invalid(reason);
    }
}
