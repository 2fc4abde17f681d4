package io.cloudscale.platform.dashboard;

import io.cloudscale.platform.common.Env;
import io.cloudscale.platform.common.Health;
import io.cloudscale.platform.common.HttpHost;
import io.cloudscale.platform.common.Json;
import io.cloudscale.platform.queue.QueueDepth;
import io.cloudscale.platform.queue.Queues;
import io.cloudscale.platform.store.CosmosDocumentCount;
import io.cloudscale.platform.store.StoreSettings;
import io.cloudscale.platform.store.StoreTrust;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A page with events stored, throughput per minute, queue depth and circuit state, refreshed live. */
public final class Dashboard {

    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);

    private Dashboard() {
    }

    public static void start(Env env) throws Exception {
        StoreSettings store = StoreSettings.from(env);
        QueueDepth depth = Queues.depth(env);
        ProcessorMetrics processor = new ProcessorMetrics(URI.create(env.text("PROCESSOR_METRICS_URL", "http://event-processor:8080/metrics")));
        Duration every = env.millis("DASHBOARD_SAMPLE_MS", 2000);
        PipelineSampler sampler = new PipelineSampler(() -> new CosmosDocumentCount(store, trust(store)), depth, processor, new Throughput(Duration.ofMinutes(1)), java.time.Clock.systemUTC());

        byte[] page;
        try (InputStream in = Dashboard.class.getResourceAsStream("/dashboard/index.html")) {
            page = in.readAllBytes();
        }
        PrometheusRegistry registry = new PrometheusRegistry();
        sampler.register(registry);
        HttpHost host = HttpHost.listen(env.integer("PORT", 8080, 1), registry,
                () -> sampler.latest() == null ? Health.down("no reading yet") : Health.up("sampling every " + every.toMillis() + " ms"));
        host.route("/summary", exchange -> HttpHost.respond(exchange, 200, "application/json",
                        Json.MAPPER.writeValueAsBytes(sampler.latest())))
                .route("/", exchange -> {
                    if (!exchange.getRequestURI().getPath().equals("/")) {
                        HttpHost.respond(exchange, 404, "text/plain", "not found\n".getBytes());
                        return;
                    }
                    HttpHost.respond(exchange, 200, "text/html; charset=utf-8", page);
                })
                .start();
        sampler.runEvery(every);
    }

    private static SSLContext trust(StoreSettings store) throws IOException {
        try {
            return store.trustEmulatorCertificate()
                    ? StoreTrust.trustStoreCertificate(store.certificate(), 3000)
                    : StoreTrust.jvmDefault();
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        } catch (IOException e) {
            LOG.debug("store certificate not available yet: {}", e.toString());
            throw e;
        }
    }
}
