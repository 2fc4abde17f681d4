package io.cloudscale.playbooks.rca;

import io.cloudscale.core.diagnosis.Probe;
import io.cloudscale.core.diagnosis.ProbeKey;
import io.cloudscale.probes.docker.DockerEngine;
import io.cloudscale.probes.signals.ContainerStateProbe;
import io.cloudscale.probes.signals.CosmosReachabilityProbe;
import io.cloudscale.probes.signals.DashboardProbe;
import io.cloudscale.probes.signals.GatewayThroughputProbe;
import io.cloudscale.probes.signals.LogSignatureProbe;
import io.cloudscale.probes.signals.QueueBackend;
import io.cloudscale.probes.signals.QueueDepthProbe;
import io.cloudscale.probes.signals.RabbitQueue;
import io.cloudscale.probes.signals.ServiceBusQueue;
import io.cloudscale.stack.endpoints.StackEndpoints;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Every probe the platform's trees may ask, each by its key with how it is made for one running stack: the only
 * list of them (runbook validation reads its names before any engine is asked).
 */
public final class PlatformProbes implements AutoCloseable {

    /** What a probe is made from: one running stack, the window to look over, and its queue's client. */
    record Wiring(DockerEngine engine, String project, StackEndpoints endpoints, Duration window, Clock clock, QueueBackend queue) {
    }

    /** A key and the factory of its probe, typed alike: a probe registered under a key observes what the key names. */
    private record Registration<T>(ProbeKey<T> key, Function<Wiring, Probe<T>> factory) {
    }

    private static final List<Registration<?>> REGISTRY = registry();

    private static List<Registration<?>> registry() {
        List<Registration<?>> registry = new java.util.ArrayList<>();
        registry.add(new Registration<>(GatewayThroughputProbe.KEY, wiring -> new GatewayThroughputProbe(wiring.endpoints().gatewayStatus(),
                wiring.window(), wiring.engine(), wiring.project(), StackEndpoints.GATEWAY, wiring.clock())));
        registry.add(new Registration<>(ContainerStateProbe.KEY, wiring -> new ContainerStateProbe(wiring.engine(), wiring.project(), wiring.clock())));
        registry.add(new Registration<>(QueueDepthProbe.KEY, wiring -> new QueueDepthProbe(wiring.queue(), wiring.window(), wiring.clock())));
        for (String service : List.of(StackEndpoints.EVENT_PROCESSOR, StackEndpoints.INGESTION_API, StackEndpoints.GATEWAY)) {
            registry.add(new Registration<>(LogSignatureProbe.keyFor(service),
                    wiring -> new LogSignatureProbe(wiring.engine(), wiring.project(), service, Duration.ofMinutes(10), wiring.clock())));
        }
        registry.add(new Registration<>(DashboardProbe.KEY, wiring -> new DashboardProbe(wiring.endpoints().dashboardSummary(), wiring.window(), wiring.clock())));
        registry.add(new Registration<>(CosmosReachabilityProbe.KEY, wiring -> new CosmosReachabilityProbe(wiring.endpoints().cosmosHost(),
                wiring.endpoints().cosmosPort(), wiring.endpoints().cosmosKey(), wiring.endpoints().cosmosDatabase(),
                wiring.endpoints().cosmosContainer(), wiring.clock())));
        return List.copyOf(registry);
    }

    /** The names of every probe, in the registry's order. */
    public static Set<String> names() {
        Set<String> names = new java.util.LinkedHashSet<>();
        REGISTRY.forEach(registration -> names.add(registration.key().name()));
        return names;
    }

    private final Map<String, Probe<?>> probes = new LinkedHashMap<>();
    private final QueueBackend queue;

    public PlatformProbes(DockerEngine engine, String project, StackEndpoints endpoints, Duration window, Clock clock) throws Exception {
        this.queue = "servicebus".equals(endpoints.queueBackend())
                ? new ServiceBusQueue(endpoints.serviceBusConnection(), endpoints.queue(), endpoints.serviceBusAdminPort())
                : new RabbitQueue(endpoints.amqp(), endpoints.queue(), endpoints.deadLetterQueue());
        Wiring wiring = new Wiring(engine, project, endpoints, window, clock, queue);
        for (Registration<?> registration : REGISTRY) {
            Probe<?> probe = registration.factory().apply(wiring);
            if (!probe.name().equals(registration.key().name())) {
                throw new IllegalStateException("the probe registered as " + registration.key().name() + " calls itself " + probe.name());
            }
            probes.put(probe.name(), probe);
        }
    }

    public Map<String, Probe<?>> all() {
        return Map.copyOf(probes);
    }

    public List<Probe<?>> list() {
        return List.copyOf(probes.values());
    }

    @Override
    public void close() throws Exception {
        queue.close();
    }
}
