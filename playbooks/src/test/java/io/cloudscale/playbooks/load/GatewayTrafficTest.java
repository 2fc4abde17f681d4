package io.cloudscale.playbooks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The gateway's access log as the stack's nginx prints it (lines copied from a real run), read second by second. */
class GatewayTrafficTest {

    private static final String ACCEPTED = """
            {"time":"2026-11-26T10:29:58+00:00","remote":"172.19.0.1","method":"POST","uri":"/api/events","status":202,"bytes":65,"request_time":0.098,"upstream":"172.19.0.5:8080","upstream_status":"202","upstream_time":"0.098"}""";
    private static final String SHED = """
            {"time":"2026-11-26T10:29:59+00:00","remote":"172.19.0.1","method":"POST","uri":"/api/events","status":503,"bytes":46,"request_time":0.001,"upstream":"172.19.0.5:8080","upstream_status":"503","upstream_time":"0.001"}""";
    private static final String BAD_GATEWAY = """
            {"time":"2026-11-26T10:29:59+00:00","remote":"172.19.0.1","method":"POST","uri":"/api/events","status":502,"bytes":150,"request_time":0.000,"upstream":"172.19.0.5:8080","upstream_status":"502","upstream_time":"0.000"}""";
    private static final String OWN_STATUS_READ = """
            {"time":"2026-11-26T10:29:58+00:00","remote":"172.19.0.1","method":"GET","uri":"/nginx_status","status":200,"bytes":97,"request_time":0.000,"upstream":"","upstream_status":"","upstream_time":""}""";
    private static final String ERROR_LOG = "2026/11/26 10:29:59 [error] 22#22: *1 connect() failed (111: Connection refused) while connecting to upstream, "
            + "client: 172.19.0.1, server: , request: \"POST /api/events HTTP/1.1\", upstream: \"http://172.19.0.5:8080/api/events\", host: \"127.0.0.1:8080\"";

    @Test
    void eachSecondHoldsItsAnswersByClassAndTheirLatency() {
        GatewayTraffic traffic = new GatewayTraffic(Set.of("/nginx_status", "/health"), "/api/events");
        for (String line : new String[] {ACCEPTED, ACCEPTED, OWN_STATUS_READ, SHED, BAD_GATEWAY, ERROR_LOG, "", "not json {"}) {
            traffic.accept(line);
        }

        LoadReport report = traffic.report("http://127.0.0.1:8080/api/events", Instant.parse("2026-11-26T10:29:58Z"), Instant.parse("2026-11-26T10:30:01Z"));

        assertEquals(3, report.timeline().size(), "three seconds, the quiet one included");
        assertEquals(new StatusCounts(2, 0, 0, 0, 0, 0, 0), report.timeline().get(0).counts());
        assertEquals(98, report.timeline().get(0).latency().p99(), 0.1);
        assertEquals(new StatusCounts(0, 0, 1, 1, 0, 0, 0), report.timeline().get(1).counts());
        assertEquals(StatusCounts.NONE, report.timeline().get(2).counts());
        assertEquals(new StatusCounts(2, 0, 1, 1, 0, 0, 0), report.totals());
        assertEquals(2, traffic.acceptedEvents());
    }

    @Test
    void linesOutsideTheWindowAreLeftOut() {
        GatewayTraffic traffic = new GatewayTraffic(Set.of(), "/api/events");
        traffic.accept(ACCEPTED);
        traffic.accept(SHED);

        LoadReport report = traffic.report("http://gw/api/events", Instant.parse("2026-11-26T10:29:59Z"), Instant.parse("2026-11-26T10:30:00Z"));

        assertEquals(new StatusCounts(0, 0, 1, 0, 0, 0, 0), report.totals());
    }
}
