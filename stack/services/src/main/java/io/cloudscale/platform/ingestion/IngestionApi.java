package io.cloudscale.platform.ingestion;

import com.sun.net.httpserver.HttpExchange;
import io.cloudscale.platform.common.Env;
import io.cloudscale.platform.common.Health;
import io.cloudscale.platform.common.HttpHost;
import io.cloudscale.platform.common.Json;
import io.cloudscale.platform.event.Event;
import io.cloudscale.platform.event.EventValidator;
import io.cloudscale.platform.queue.EventSender;
import io.cloudscale.platform.queue.Queues;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/events}: validate, shed if over the limits, send to the queue synchronously, and answer
 * 202 only once the broker confirmed. Data safety over throughput: a 202 means the event is durable.
 */
public final class IngestionApi {

    private static final Logger LOG = LoggerFactory.getLogger(IngestionApi.class);

    private final EventValidator validator;
    private final LoadShedder shedder;
    private final EventSender sender;
    private final Counter requests;
    private final Histogram sendSeconds;

    IngestionApi(EventValidator validator, LoadShedder shedder, EventSender sender, PrometheusRegistry registry) {
        this.validator = validator;
        this.shedder = shedder;
        this.sender = sender;
        this.requests = Counter.builder().name("ingest_requests_total").help("POST /api/events answers by status")
                .labelNames("status").register(registry);
        this.sendSeconds = Histogram.builder().name("ingest_send_seconds").help("time for the broker to confirm a send")
                .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)
                .register(registry);
        GaugeWithCallback.builder().name("ingest_in_flight").help("sends waiting for the broker's confirm")
                .callback(callback -> callback.call(shedder.inFlight())).register(registry);
    }

    public static void start(Env env) throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        EventSender sender = Queues.sender(env);
        LoadShedder shedder = new LoadShedder(env.integer("INGEST_CLIENT_RPS", 2000, 1), env.integer("INGEST_MAX_IN_FLIGHT", 64, 1));
        IngestionApi api = new IngestionApi(new EventValidator(Clock.systemUTC(), env.integer("EVENT_SCHEMA_VERSION", Event.SCHEMA, 1)), shedder, sender, registry);
        HttpHost host = HttpHost.listen(env.integer("PORT", 8080, 1), registry,
                () -> sender.connected() ? Health.up("queue connected") : Health.down("no connection to the queue"));
        host.route("/api/events", api::handle).start();
        Runtime.getRuntime().addShutdownHook(new Thread(sender::close, "queue-close"));
    }

    void handle(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            exchange.getResponseHeaders().set("Allow", "POST");
            answer(exchange, 405, Map.of("error", "use POST"));
            return;
        }
        String client = clientOf(exchange);
        LoadShedder.Decision.Shed overRate = shedder.overRate(client);
        if (overRate != null) {
            shed(exchange, client, overRate);
            return;
        }
        EventValidator.Result result = validator.validate(HttpHost.readBody(exchange, EventValidator.MAX_BODY_BYTES));
        if (result instanceof EventValidator.Result.Invalid(String reason)) {
            answer(exchange, 400, Map.of("error", reason));
            return;
        }
        var event = ((EventValidator.Result.Valid) result).event();
        LoadShedder.Decision decision = shedder.admitSend();
        if (decision instanceof LoadShedder.Decision.Shed full) {
            shed(exchange, client, full);
            return;
        }
        try (var admitted = (LoadShedder.Decision.Admitted) decision) {
            long started = System.nanoTime();
            sender.send(event);
            sendSeconds.observe((System.nanoTime() - started) / 1e9);
            answer(exchange, 202, Map.of("id", event.id(), "status", "accepted"));
        } catch (io.cloudscale.platform.queue.QueueUnavailable e) {
            LOG.error("send failed status=503 id={}: {}", event.id(), e.getMessage());
            exchange.getResponseHeaders().set("Retry-After", "5");
            answer(exchange, 503, Map.of("error", "queue unavailable: the event was not accepted, retry later"));
        }
    }

    private void shed(HttpExchange exchange, String client, LoadShedder.Decision.Shed shed) throws IOException {
        LOG.warn("shed status={} client={} reason=\"{}\"", shed.status(), client, shed.reason());
        exchange.getResponseHeaders().set("Retry-After", Integer.toString(shed.retryAfterSeconds()));
        answer(exchange, shed.status(), Map.of("error", shed.reason()));
    }

    /** The gateway passes the caller on; X-Client-Id lets a caller behind a shared address name itself. */
    static String clientOf(HttpExchange exchange) {
        String named = exchange.getRequestHeaders().getFirst("X-Client-Id");
        if (named != null && !named.isBlank()) {
            return named.trim();
        }
        String forwarded = exchange.getRequestHeaders().getFirst("X-Real-IP");
        if (forwarded != null && !forwarded.isBlank()) {
            return forwarded.trim();
        }
        return exchange.getRemoteAddress().getAddress().getHostAddress();
    }

    private void answer(HttpExchange exchange, int status, Map<String, String> body) throws IOException {
        requests.labelValues(Integer.toString(status)).inc();
        HttpHost.respond(exchange, status, "application/json", Json.MAPPER.writeValueAsBytes(body));
    }
}
