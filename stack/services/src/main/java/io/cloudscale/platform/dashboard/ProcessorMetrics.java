package io.cloudscale.platform.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the processor's circuit state and its count of stored events from its Prometheus endpoint. */
final class ProcessorMetrics {

    record Reading(String circuit, long stored) {
    }

    private static final Pattern STATE = Pattern.compile(
            "^resilience4j_circuitbreaker_state\\{[^}]*state=\"(?<state>[a-z_]+)\"[^}]*}\\s+1(?:\\.0)?\\s*$", Pattern.MULTILINE);
    private static final Pattern STORED = Pattern.compile(
            "^processor_events_total\\{outcome=\"stored\"}\\s+(?<count>[0-9.eE+]+)\\s*$", Pattern.MULTILINE);

    private final URI metrics;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ProcessorMetrics(URI metrics) {
        this.metrics = metrics;
    }

    Reading read() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(3)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(metrics + " answered " + response.statusCode());
        }
        return parse(response.body());
    }

    static Reading parse(String exposition) {
        Matcher state = STATE.matcher(exposition);
        Matcher stored = STORED.matcher(exposition);
        return new Reading(state.find() ? state.group("state") : "unknown",
                stored.find() ? (long) Double.parseDouble(stored.group("count")) : 0);
    }
}
