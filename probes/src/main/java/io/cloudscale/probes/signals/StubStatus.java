package io.cloudscale.probes.signals;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** nginx's stub_status page: active connections and the server's accepts / handled / requests counters. */
public record StubStatus(long active, long accepts, long handled, long requests, long reading, long writing, long waiting) {

    private static final Pattern FORMAT = Pattern.compile(
            "Active connections:\\s*(\\d+)\\s*server accepts handled requests\\s*(\\d+)\\s+(\\d+)\\s+(\\d+)\\s*"
                    + "Reading:\\s*(\\d+)\\s*Writing:\\s*(\\d+)\\s*Waiting:\\s*(\\d+)");

    public static StubStatus parse(String body) {
        Matcher matcher = FORMAT.matcher(body);
        if (!matcher.find()) {
            throw new IllegalArgumentException("not an nginx stub_status page: "
                    + body.substring(0, Math.min(body.length(), 80)).replace('\n', ' '));
        }
        return new StubStatus(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)), Long.parseLong(matcher.group(3)),
                Long.parseLong(matcher.group(4)), Long.parseLong(matcher.group(5)), Long.parseLong(matcher.group(6)),
                Long.parseLong(matcher.group(7)));
    }
}
