package io.cloudscale.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OneLineTest {

    @Test
    void escapesLineBreaksAndControlCharacters() {
        assertEquals("azure-emulato\\n\\nrs", OneLine.of("azure-emulato\n\nrs"));
        assertEquals("a\\r\\tb\\u0000\\u2028", OneLine.of("a\r\tb\u0000\u2028"));
        assertEquals("plain value", OneLine.of("plain value"));
    }

    @Test
    void cutsALongValue() {
        String cut = OneLine.of("x".repeat(500));
        assertEquals(OneLine.MAX_CHARS + 1, cut.length());
        assertEquals('…', cut.charAt(cut.length() - 1));
        assertEquals("x".repeat(OneLine.MAX_CHARS), OneLine.of("x".repeat(OneLine.MAX_CHARS)));
    }
}
