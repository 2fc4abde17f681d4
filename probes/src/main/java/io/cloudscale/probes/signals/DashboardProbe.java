package io.cloudscale.probes.signals;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudscale.core.Durations;
import io.cloudscale.core.LocalHttp;
import io.cloudscale.core.Status;
import io.cloudscale.core.diagnosis.Evidence;
import io.cloudscale.core.diagnosis.Looks;
import io.cloudscale.core.diagnosis.Observation;
import io.cloudscale.core.diagnosis.Probe;
import io.cloudscale.core.diagnosis.ProbeKey;
import io.cloudscale.core.diagnosis.ProbeSpec;
import io.cloudscale.core.diagnosis.Settled;
import io.cloudscale.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard as the operator sees it: its summary read at both ends of a window. "Dashboard shows 0
 * events" is about this page, so a dashboard that does not answer, cannot read the store, or shows a
 * count that does not move is part of the symptom even while events flow underneath.
 */
public record DashboardProbe(URI summaryUrl, Duration window, Clock clock) implements Probe<DashboardView> {

    public static final ProbeKey<DashboardView> KEY = ProbeKey.of("dashboard");
    private static final String NAME = KEY.name();
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(3);

    @Override
    public ProbeSpec<DashboardView> spec() {
        return new ProbeSpec<>(KEY, "the dashboard's summary (" + summaryUrl + ") at both ends of " + Durations.format(window), 1 + window.toSeconds(), window.plus(READ_TIMEOUT.multipliedBy(2)).plusSeconds(2));
    }

    /**
     * The dashboard where nothing of it runs to answer (on a cluster: no running pod to reach, as a Deployment scaled
     * to 0 leaves it): what a stopped container's refused connection says on compose.
     */
    public record NotRunning(String why, Clock clock) implements Probe<DashboardView> {
        @Override
        public ProbeSpec<DashboardView> spec() {
            return new ProbeSpec<>(KEY, "the dashboard's summary: " + why, 1, READ_TIMEOUT);
        }

        @Override
        public Observation<DashboardView> observe(Settled settled) {
            DashboardView down = new DashboardView(false, null, null, null, Map.of(), why);
            return Observation.of(NAME, Status.FAIL, down, List.of(new Evidence(NAME, clock.instant(), "the dashboard does not answer: " + why)));
        }
    }

    /** Reads the summary each second until the window ends or the answers settle. */
    @Override
    public Observation<DashboardView> observe(Settled settled) throws InterruptedException {
        Instant start = clock.instant();
        Looks looks = new Looks(window); // from before the first read: its time is part of the window
        JsonNode first;
        try {
            first = read();
        } catch (IOException e) {
            DashboardView down = new DashboardView(false, null, null, null, Map.of(), describe(e));
            return Observation.of(NAME, Status.FAIL, down,
                    List.of(new Evidence(summaryUrl.toString(), clock.instant(), "the dashboard does not answer: " + down.error())));
        }
        while (true) {
            looks.awaitNext();
            JsonNode last;
            try {
                last = read();
            } catch (IOException e) {
                DashboardView stopped = new DashboardView(false, number(first, "storedEvents"), null, null, Map.of(), describe(e));
                return Observation.of(NAME, Status.FAIL, stopped,
                        List.of(new Evidence(summaryUrl.toString(), clock.instant(), "the dashboard stopped answering: " + stopped.error())));
            }
            Observation<DashboardView> sofar = between(first, last, start);
            if (looks.over() || settled.test(sofar)) {
                return sofar;
            }
        }
    }

    private Observation<DashboardView> between(JsonNode first, JsonNode last, Instant start) {
        Map<String, String> unreadable = new LinkedHashMap<>();
        last.path("errors").properties().forEach(error -> unreadable.put(error.getKey(), error.getValue().asText()));
        JsonNode rate = last.path("storedPerMinute");
        DashboardView view = new DashboardView(true, number(first, "storedEvents"), number(last, "storedEvents"),
                rate.isNumber() ? rate.asDouble() : null, unreadable, null);
        String text = "shows %s -> %s events stored%s over %s%s".formatted(
                view.firstStored() == null ? "no count" : view.firstStored(), view.lastStored() == null ? "no count" : view.lastStored(),
                view.storedPerMinute() == null ? "" : " (%.0f/min)".formatted(view.storedPerMinute()),
                Durations.format(Duration.between(start, clock.instant())), unreadable.isEmpty() ? "" : "; cannot read " + unreadable);
        return Observation.of(NAME, view.counting() ? Status.OK : Status.WARN, view,
                List.of(new Evidence(summaryUrl.toString(), clock.instant(), text)));
    }

    private JsonNode read() throws IOException, InterruptedException {
        HttpResponse<String> response = LocalHttp.client().send(HttpRequest.newBuilder(summaryUrl).timeout(READ_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        JsonNode summary = Json.mapper().readTree(response.body());
        if (summary == null || !summary.isObject()) {
            throw new IOException("its summary is not a JSON object");
        }
        return summary;
    }

    private static Long number(JsonNode summary, String field) {
        JsonNode value = summary.path(field);
        return value.isNumber() ? value.asLong() : null;
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName().equals("IOException") && message != null ? message
                : e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
