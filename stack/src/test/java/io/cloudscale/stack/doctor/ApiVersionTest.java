package io.cloudscale.stack.doctor;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ApiVersionTest {

    @Test
    void comparesNumericallyNotAsText() {
        assertTrue(ApiVersion.parse("1.9").compareTo(ApiVersion.parse("1.41")) < 0);
        assertTrue(ApiVersion.parse("1.44").compareTo(ApiVersion.parse("1.41")) > 0);
        assertTrue(ApiVersion.parse("1.41").compareTo(ApiVersion.parse("1.41")) == 0);
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> ApiVersion.parse("latest"));
    }
}
