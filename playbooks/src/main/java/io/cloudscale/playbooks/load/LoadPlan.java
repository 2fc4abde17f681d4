package io.cloudscale.playbooks.load;

import io.cloudscale.core.CloudscaleException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a load test sends: one request (POST of an event to the ingestion endpoint) at each stage's constant
 * arrival rate, over a fixed number of keep-alive connections.
 *
 * @param timeout how long a sent request may wait for its answer before it counts as a timeout
 * @param warmup  how long to send at the first stage's rate before measuring: the generator's JIT and the
 *                stack's cold paths (first connections to the broker and the store) are not the endpoint's latency
 */
public record LoadPlan(URI target, List<Stage> stages, int connections, Duration timeout, Duration warmup, String clientId, byte[] body) {

    public static final String DEFAULT_CLIENT_ID = "cloudscale-load";
    public static final int MAX_CONNECTIONS = 10_000;
    private static final Pattern RAMP = Pattern.compile("(\\d+(?:\\.\\d+)?):(\\d+(?:\\.\\d+)?):(\\d+(?:\\.\\d+)?)");
    private static final int MAX_STAGES = 1000;

    public LoadPlan {
        if (!"http".equals(target.getScheme()) || target.getHost() == null) {
            throw new CloudscaleException.Usage("--url must be an http:// URL, not " + target, "e.g. http://127.0.0.1:8080/api/events");
        }
        if (connections < 1 || connections > MAX_CONNECTIONS) {
            throw new CloudscaleException.Usage("--connections must be between 1 and " + MAX_CONNECTIONS, null);
        }
        if (stages.isEmpty()) {
            throw new CloudscaleException.Usage("a load test needs at least one rate", null);
        }
        if (warmup.isNegative() || warmup.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new CloudscaleException.Usage("--warmup must be between 0 and 10m", null);
        }
        stages = List.copyOf(stages);
    }

    /** The event every request posts: valid for the ingestion API, which makes the id. */
    public static byte[] eventBody(String clientId) {
        return ("{\"type\":\"load.event\",\"source\":\"" + clientId + "\",\"data\":{\"payload\":\"0123456789abcdef\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    public static List<Stage> constant(double rate, Duration duration) {
        return List.of(stage(rate, duration));
    }

    /** FROM:TO:STEP requests/s, each rate held for {@code hold}; TO is included when the steps land on it. */
    public static List<Stage> ramp(String spec, Duration hold) {
        Matcher matcher = RAMP.matcher(spec == null ? "" : spec.strip());
        if (!matcher.matches()) {
            throw new CloudscaleException.Usage("--ramp '" + spec + "' is not FROM:TO:STEP", "e.g. --ramp 100:2000:100 (requests/s)");
        }
        double from = Double.parseDouble(matcher.group(1));
        double to = Double.parseDouble(matcher.group(2));
        double step = Double.parseDouble(matcher.group(3));
        if (from <= 0 || step <= 0 || to < from) {
            throw new CloudscaleException.Usage("--ramp needs 0 < FROM <= TO and STEP > 0", "e.g. --ramp 100:2000:100");
        }
        if ((to - from) / step + 1 > MAX_STAGES) {
            throw new CloudscaleException.Usage("--ramp " + spec + " makes more than " + MAX_STAGES + " steps", "take a larger STEP");
        }
        List<Stage> stages = new ArrayList<>();
        for (int i = 0; from + i * step <= to + 1e-9; i++) {
            stages.add(stage(from + i * step, hold));
        }
        return stages;
    }

    private static Stage stage(double rate, Duration duration) {
        if (!(rate > 0) || rate > 1_000_000) {
            throw new CloudscaleException.Usage("a rate must be between 0 and 1,000,000 requests/s, not " + rate, null);
        }
        if (duration.isZero() || duration.compareTo(Duration.ofHours(24)) > 0) {
            throw new CloudscaleException.Usage("--duration must be between 1ms and 24h", null);
        }
        return new Stage(rate, duration);
    }

    public Duration totalDuration() {
        return stages.stream().map(Stage::duration).reduce(Duration.ZERO, Duration::plus);
    }
}
