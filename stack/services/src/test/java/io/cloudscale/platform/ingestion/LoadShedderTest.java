package io.cloudscale.platform.ingestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LoadShedderTest {

    @Test
    void aClientOverItsRateGets429WhileOthersGoOn() {
        LoadShedder shedder = new LoadShedder(3, 10);
        for (int i = 0; i < 3; i++) {
            assertNull(shedder.overRate("10.0.0.1"));
        }
        LoadShedder.Decision.Shed shed = shedder.overRate("10.0.0.1");
        assertNotNull(shed);
        assertEquals(429, shed.status());
        assertEquals(1, shed.retryAfterSeconds());
        assertEquals("client over 3 requests/s", shed.reason());
        assertNull(shedder.overRate("10.0.0.2"));
    }

    @Test
    void sendsBeyondTheInFlightBoundGet503UntilOneFinishes() {
        LoadShedder shedder = new LoadShedder(1000, 2);
        var first = assertInstanceOf(LoadShedder.Decision.Admitted.class, shedder.admitSend());
        assertInstanceOf(LoadShedder.Decision.Admitted.class, shedder.admitSend());
        assertEquals(2, shedder.inFlight());

        LoadShedder.Decision.Shed shed = assertInstanceOf(LoadShedder.Decision.Shed.class, shedder.admitSend());
        assertEquals(503, shed.status());
        assertEquals("in-flight sends at the limit of 2", shed.reason());

        first.close();
        assertEquals(1, shedder.inFlight());
        assertInstanceOf(LoadShedder.Decision.Admitted.class, shedder.admitSend());
    }
}
