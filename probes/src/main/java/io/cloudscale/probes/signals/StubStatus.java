package io.cloudscale.probes.signals;

import io.cloudscale.core.OneLine;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** nginx's stub_status page: active connections and the server's accepts / handled / requests counters. */
public record StubStatus(long active, long accepts, long handled, long requests, long reading, long writing, long waiting) {

    private static final Pattern FORMAT = Pattern.compile(
            "Active connections:\\s*(\\d+)\\s*server accepts handled requests\\s*(\\d+)\\s+(\\d+)\\s+(\\d+)\\s*"
                    + "Reading:\\s*(\\d+)\\s*Writing:\\s*(\\d+)\\s*Waiting:\\s*(\\d+)");

    /** The page's figures; IllegalArgumentException, with the start of the body on one line, when it is not the page. */
    public static StubStatus parse(String body) {
        Matcher matcher = FORMAT.matcher(body);
        if (!matcher.find()) {
            throw new IllegalArgumentException("not an nginx stub_status page: " + OneLine.of(body));
        }
        try {
            return new StubStatus(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)), Long.parseLong(matcher.group(3)),
                    Long.parseLong(matcher.group(4)), Long.parseLong(matcher.group(5)), Long.parseLong(matcher.group(6)),
                    Long.parseLong(matcher.group(7)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an nginx stub_status page: a counter is past 2^63: " + OneLine.of(matcher.group()));
        }
    }
}
