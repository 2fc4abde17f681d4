package io.cloudscale.core.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.Secrets;

/** The one JSON mapper: stable field order, ISO timestamps, no nulls, so output diffs stay readable. */
public final class Json {

    /** Version of every document the tool prints; bump it only with a documented migration. */
    public static final String SCHEMA = "cloudscale/v1";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Pretty JSON with every credential redacted: the only way documents leave the tool. */
    public static String write(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(Secrets.redact(MAPPER.valueToTree(value)));
        } catch (JsonProcessingException e) {
            throw new CloudscaleException.Internal("cannot render " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
