package io.cloudscale.playbooks.rca;

import io.cloudscale.core.diagnosis.Probe;
import io.cloudscale.core.diagnosis.ProbeKey;
import io.cloudscale.playbooks.TargetPlatform;
import io.cloudscale.probes.kubernetes.PodStateProbe;
import io.cloudscale.probes.signals.ServiceBusConnection;
import io.cloudscale.probes.signals.UnreadableOnTarget;
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
import io.cloudscale.probes.signals.StoreReachability;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Every probe the platform's trees may ask, each by its key with how it is made for the platform of one target: the
 * only list of them (runbook validation reads its names before any target is asked). A probe the target cannot
 * answer yet is there all the same, saying so ({@link UnreadableOnTarget}).
 */
public final class PlatformProbes implements AutoCloseable {

    /** Why the cluster's own endpoints are not read yet: the tool reaches them only from inside the cluster. */
    static final String NEEDS_PORT_FORWARD = "on the kubernetes target it is inside the cluster, and the tool does not port-forward to it yet";

    /** What a probe is made from: the target's platform, the window to look over, and its queue's client (none: not readable here). */
    record Wiring(TargetPlatform target, StackEndpoints endpoints, Duration window, Clock clock, QueueBackend queue) {
    }

    /** A key and the factory of its probe, typed alike: a probe registered under a key observes what the key names. */
    private record Registration<T>(ProbeKey<T> key, Function<Wiring, Probe<T>> factory) {
    }

    private static final List<Registration<?>> REGISTRY = registry();

    private static List<Registration<?>> registry() {
        List<Registration<?>> registry = new java.util.ArrayList<>();
        registry.add(new Registration<>(GatewayThroughputProbe.KEY, wiring -> switch (wiring.target()) {
            case TargetPlatform.Compose compose -> new GatewayThroughputProbe(wiring.endpoints().gatewayStatus(), wiring.window(),
                    compose.reader(GatewayThroughputProbe.LOG_READ), StackEndpoints.GATEWAY, wiring.clock());
            case TargetPlatform.Kubernetes cluster -> new UnreadableOnTarget<>(GatewayThroughputProbe.KEY,
                    "requests through the gateway (stub_status) and its access log", "the gateway's stub_status " + NEEDS_PORT_FORWARD);
        }));
        registry.add(new Registration<>(ContainerStateProbe.KEY, wiring -> switch (wiring.target()) {
            case TargetPlatform.Compose compose -> new ContainerStateProbe(compose.reader(), wiring.clock());
            case TargetPlatform.Kubernetes cluster -> new PodStateProbe(cluster.platform(), wiring.clock());
        }));
        registry.add(new Registration<>(QueueDepthProbe.KEY, wiring -> wiring.queue() == null
                ? new UnreadableOnTarget<>(QueueDepthProbe.KEY, "depth of queue " + wiring.endpoints().queue(),
                        "the " + wiring.endpoints().brokerService() + " broker " + NEEDS_PORT_FORWARD + " (a cloud Service Bus is read over HTTPS)")
                : new QueueDepthProbe(wiring.queue(), wiring.window(), wiring.clock())));
        for (String service : List.of(StackEndpoints.EVENT_PROCESSOR, StackEndpoints.INGESTION_API, StackEndpoints.GATEWAY)) {
            registry.add(new Registration<>(LogSignatureProbe.keyFor(service),
                    wiring -> new LogSignatureProbe(wiring.target().reader(), service, Duration.ofMinutes(10), wiring.clock())));
        }
        registry.add(new Registration<>(DashboardProbe.KEY, wiring -> switch (wiring.target()) {
            case TargetPlatform.Compose compose -> new DashboardProbe(wiring.endpoints().dashboardSummary(), wiring.window(), wiring.clock());
            case TargetPlatform.Kubernetes cluster -> new UnreadableOnTarget<>(DashboardProbe.KEY, "the dashboard's summary",
                    "the dashboard " + NEEDS_PORT_FORWARD);
        }));
        registry.add(new Registration<>(CosmosReachabilityProbe.KEY, wiring -> switch (wiring.target()) {
            case TargetPlatform.Compose compose -> new CosmosReachabilityProbe(wiring.endpoints().cosmosHost(),
                    wiring.endpoints().cosmosPort(), wiring.endpoints().cosmosKey(), wiring.endpoints().cosmosDatabase(),
                    wiring.endpoints().cosmosContainer(), wiring.clock());
            case TargetPlatform.Kubernetes cluster -> storeSeenFromHere(wiring);
        }));
        return List.copyOf(registry);
    }

    /**
     * On a cluster, the store is reached where its endpoint says ({@code COSMOS_ENDPOINT}, as the services have it): a
     * cloud account is the same from here; a name only the cluster resolves is not the store failing when it does not
     * resolve here, so it is not asked.
     */
    private static Probe<StoreReachability> storeSeenFromHere(Wiring wiring) {
        URI endpoint = wiring.endpoints().cosmosEndpoint();
        String what = "the store's endpoint";
        if (endpoint == null) {
            return new UnreadableOnTarget<>(CosmosReachabilityProbe.KEY, what, "the store's endpoint is not known here: set COSMOS_ENDPOINT "
                    + "to the https:// endpoint the cluster's services use (the Secret cloudscale-connections holds it)");
        }
        if (!"https".equals(endpoint.getScheme())) {
            return new UnreadableOnTarget<>(CosmosReachabilityProbe.KEY, what, "COSMOS_ENDPOINT " + endpoint + " is not https://: the key is sent only over TLS");
        }
        String host = endpoint.getHost();
        if (!host.contains(".") || host.endsWith(".svc") || host.contains(".svc.")) {
            return new UnreadableOnTarget<>(CosmosReachabilityProbe.KEY, what, "the store at " + host + " " + NEEDS_PORT_FORWARD);
        }
        StackEndpoints endpoints = wiring.endpoints();
        return new CosmosReachabilityProbe(host, endpoint.getPort() == -1 ? 443 : endpoint.getPort(), endpoints.cosmosKey(),
                endpoints.cosmosDatabase(), endpoints.cosmosContainer(), wiring.clock());
    }

    /** The names of every probe, in the registry's order. */
    public static Set<String> names() {
        Set<String> names = new java.util.LinkedHashSet<>();
        REGISTRY.forEach(registration -> names.add(registration.key().name()));
        return names;
    }

    private final Map<String, Probe<?>> probes = new LinkedHashMap<>();
    private final QueueBackend queue;

    public PlatformProbes(TargetPlatform target, StackEndpoints endpoints, Duration window, Clock clock) throws Exception {
        this.queue = queueOf(target, endpoints);
        Wiring wiring = new Wiring(target, endpoints, window, clock, queue);
        for (Registration<?> registration : REGISTRY) {
            Probe<?> probe = registration.factory().apply(wiring);
            if (!probe.name().equals(registration.key().name())) {
                throw new IllegalStateException("the probe registered as " + registration.key().name() + " calls itself " + probe.name());
            }
            probes.put(probe.name(), probe);
        }
    }

    /**
     * The queue's client: on compose, the stack's broker through its published port; on a cluster only a cloud Service Bus,
     * whose management endpoint is the same from anywhere (null otherwise: a broker at this machine's ports is not the cluster's).
     */
    private static QueueBackend queueOf(TargetPlatform target, StackEndpoints endpoints) throws Exception {
        boolean serviceBus = "servicebus".equals(endpoints.queueBackend());
        if (target instanceof TargetPlatform.Kubernetes
                && !(serviceBus && !ServiceBusConnection.parse(endpoints.serviceBusConnection()).emulator())) {
            return null;
        }
        return serviceBus
                ? new ServiceBusQueue(endpoints.serviceBusConnection(), endpoints.queue(), endpoints.serviceBusAdminPort())
                : new RabbitQueue(endpoints.amqp(), endpoints.queue(), endpoints.deadLetterQueue());
    }

    public Map<String, Probe<?>> all() {
        return Map.copyOf(probes);
    }

    public List<Probe<?>> list() {
        return List.copyOf(probes.values());
    }

    @Override
    public void close() throws Exception {
        if (queue != null) {
            queue.close();
        }
    }
}
