package io.cloudscale.platform.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventValidatorTest {

    static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");
    final EventValidator validator = new EventValidator(Clock.fixed(NOW, ZoneOffset.UTC));

    EventValidator.Result validate(String body) {
        return validator.validate(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aMinimalEventGetsAnIdAndTheReceiveTime() {
        Event event = assertInstanceOf(EventValidator.Result.Valid.class, validate("{\"type\":\"order.created\",\"source\":\"shop\"}")).event();
        assertEquals("order.created", event.type());
        assertEquals(36, event.id().length());
        assertEquals(NOW, event.time());
        assertEquals(NOW, event.receivedAt());
        assertTrue(event.data().isObject());
    }

    @Test
    void aFullEventKeepsItsIdTimeAndDataAndSurvivesTheQueueEncoding() throws Exception {
        Event event = assertInstanceOf(EventValidator.Result.Valid.class, validate(
                "{\"id\":\"evt-1\",\"type\":\"t\",\"source\":\"s\",\"time\":\"2026-11-25T10:00:00Z\",\"data\":{\"n\":1}}")).event();
        Event decoded = Event.fromJson(event.toJson());
        assertEquals(event, decoded);
        assertEquals(1, decoded.data().get("n").asInt());
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of("", "empty body"),
                Arguments.of("not json", "malformed JSON"),
                Arguments.of("[1,2]", "expected a JSON object"),
                Arguments.of("{\"source\":\"s\"}", "'type' must be"),
                Arguments.of("{\"type\":\"t\"}", "'source' must be"),
                Arguments.of("{\"type\":\"t\",\"source\":\"s\",\"colour\":1}", "unknown field 'colour'"),
                Arguments.of("{\"type\":\"t\",\"source\":\"s\",\"id\":\"a/b\"}", "'id' must be"),
                Arguments.of("{\"type\":\"t\",\"source\":\"s\",\"id\":\"a#b\"}", "'id' must be"),
                Arguments.of("{\"type\":\"t\",\"source\":\"s\",\"id\":7}", "'id' must be"),
                Arguments.of("{\"type\":\"t\",\"source\":\"s\",\"time\":\"yesterday\"}", "'time' must be an ISO-8601 instant"),
                Arguments.of("{\"type\":\"t\",\"source\":\"s\",\"data\":[1]}", "'data' must be a JSON object"),
                Arguments.of("{\"type\":\"t b\",\"source\":\"s\"}", "'type' must be"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("badInputs")
    void badInputIsRefusedWithAReason(String body, String reason) {
        String said = assertInstanceOf(EventValidator.Result.Invalid.class, validate(body)).reason();
        assertTrue(said.startsWith(reason) || said.contains(reason), said);
    }

    @Test
    void anOversizedBodyIsRefused() {
        assertEquals("body larger than 65536 bytes",
                assertInstanceOf(EventValidator.Result.Invalid.class, validator.validate(null)).reason());
    }

    @Test
    void deepNestingIsRefusedBeforeItCostsAnything() {
        String deep = "{\"type\":\"t\",\"source\":\"s\",\"data\":" + "{\"a\":".repeat(100) + "1" + "}".repeat(100) + "}";
        assertTrue(assertInstanceOf(EventValidator.Result.Invalid.class, validate(deep)).reason().startsWith("malformed JSON"));
    }

    @Test
    void aQueueMessageThatIsNoEventIsMalformed() {
        org.junit.jupiter.api.Assertions.assertThrows(Event.MalformedEvent.class, () -> Event.fromJson("garbage".getBytes()));
        org.junit.jupiter.api.Assertions.assertThrows(Event.MalformedEvent.class, () -> Event.fromJson("{\"id\":\"x\"}".getBytes()));
    }
}
