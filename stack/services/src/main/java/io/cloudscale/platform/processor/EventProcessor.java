package io.cloudscale.platform.processor;

import io.cloudscale.platform.common.Env;
import io.cloudscale.platform.common.Health;
import io.cloudscale.platform.common.HttpHost;
import io.cloudscale.platform.event.Event;
import io.cloudscale.platform.queue.EventReceiver;
import io.cloudscale.platform.queue.Queues;
import io.cloudscale.platform.store.CosmosEventStore;
import io.cloudscale.platform.store.StoreSettings;
import io.cloudscale.platform.store.StoreTrust;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Consumes the queue and upserts each event into the store through the {@code cosmos} circuit breaker. */
public final class EventProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(EventProcessor.class);
    static final String STORE_CERTIFICATE = "the store's certificate";

    private EventProcessor() {
    }

    public static void start(Env env) throws Exception {
        StoreSettings settings = StoreSettings.from(env);
        PrometheusRegistry registry = new PrometheusRegistry();
        CircuitBreaker breaker = CosmosBreaker.create(env.millis("BREAKER_OPEN_MS", 10_000), LOG::warn);
        exportBreakerState(breaker, registry);
        EventReceiver receiver = Queues.receiver(env);
        AtomicBoolean stopping = new AtomicBoolean();
        AtomicReference<Health.Waiting> waiting = new AtomicReference<>();
        HttpHost host = HttpHost.listen(env.integer("PORT", 8080, 1), registry, () -> health(waiting.get(), receiver, breaker));
        host.start();

        if (settings.trustEmulatorCertificate()) {
            trustStoreCertificate(settings.certificate(), stopping::get, waiting::set, Duration.ofSeconds(2));
        } else {
            LOG.warn("COSMOS_TRUST_EMULATOR_CERT=false: the store's certificate must already be trusted by this JVM");
        }
        CosmosEventStore store = new CosmosEventStore(settings, Clock.systemUTC());
        receiver.start(new StoreWriter(store, breaker, Duration.ofSeconds(5), stopping::get, registry,
                env.integer("PROCESSOR_MAX_SCHEMA", Event.SCHEMA, 1)));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            receiver.close();
            store.close();
        }, "processor-stop"));
    }

    /**
     * Until the certificate is read the receiver is not started (a message taken now could not be stored):
     * each attempt is published to {@code progress} (for /health, null once trusted) and logged at the first
     * and every tenth attempt.
     */
    static void trustStoreCertificate(URI certificate, BooleanSupplier stopping, Consumer<Health.Waiting> progress, Duration pause)
            throws InterruptedException {
        int attempt = 0;
        while (!stopping.getAsBoolean()) {
            attempt++;
            try {
                StoreTrust.trustStoreCertificate(certificate, 5000);
                progress.accept(null);
                LOG.info("trusting the store's certificate from {}", certificate);
                return;
            } catch (Exception e) {
                Health.Waiting waiting = new Health.Waiting(STORE_CERTIFICATE, certificate.toString(), attempt, e.toString());
                progress.accept(waiting);
                if (attempt == 1 || attempt % 10 == 0) {
                    LOG.warn(waiting.text());
                }
                Thread.sleep(pause);
            }
        }
    }

    static Health health(Health.Waiting waiting, EventReceiver receiver, CircuitBreaker breaker) {
        if (waiting != null) {
            return Health.waiting(waiting);
        }
        if (!receiver.connected()) {
            return Health.down("no connection to the queue");
        }
        String circuit = "circuit " + breaker.getName() + " " + breaker.getState();
        // An open circuit is the store's trouble, reported on /metrics; the processor itself is alive and
        // holding messages, so restarting it (what an unhealthy container invites) would not help.
        return Health.up("queue connected, " + circuit);
    }

    static void exportBreakerState(CircuitBreaker breaker, PrometheusRegistry registry) {
        GaugeWithCallback.builder().name("resilience4j_circuitbreaker_state")
                .help("1 for the circuit breaker's current state")
                .labelNames("name", "state")
                .callback(callback -> {
                    for (CircuitBreaker.State state : CircuitBreaker.State.values()) {
                        callback.call(breaker.getState() == state ? 1 : 0, breaker.getName(), state.name().toLowerCase(Locale.ROOT));
                    }
                })
                .register(registry);
        GaugeWithCallback.builder().name("resilience4j_circuitbreaker_failure_rate")
                .help("failure rate in percent over the sliding window, -1 before enough calls")
                .labelNames("name")
                .callback(callback -> callback.call(breaker.getMetrics().getFailureRate(), breaker.getName()))
                .register(registry);
    }
}
