package io.cloudscale.playbooks.rca;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.diagnosis.Probe;
import io.cloudscale.core.diagnosis.ProbeKey;
import io.cloudscale.playbooks.TargetPlatform;
import io.cloudscale.probes.kubernetes.ClusterForwards;
import io.cloudscale.probes.kubernetes.PodStateProbe;
import io.cloudscale.probes.kubernetes.ThroughForward;
import io.cloudscale.probes.signals.ServiceBusConnection;
import io.cloudscale.probes.signals.UnreadableOnTarget;
import io.cloudscale.probes.signals.ContainerStateProbe;
import io.cloudscale.probes.signals.CosmosReachabilityProbe;
import io.cloudscale.probes.signals.DashboardProbe;
import io.cloudscale.probes.signals.GatewayThroughputProbe;
import io.cloudscale.probes.signals.LogSignatureProbe;
import io.cloudscale.probes.signals.QueueBackend;
import io.cloudscale.probes.signals.QueueDepth;
import io.cloudscale.probes.signals.QueueDepthProbe;
import io.cloudscale.probes.signals.RabbitQueue;
import io.cloudscale.probes.signals.ServiceBusQueue;
import io.cloudscale.stack.endpoints.StackEndpoints;
import io.cloudscale.probes.signals.StoreReachability;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Every probe the platform's trees may ask, each by its key with how it is made for the platform of one target: the
 * only list of them (runbook validation reads its names before any target is asked). A probe the target cannot
 * answer yet is there all the same, saying so ({@link UnreadableOnTarget}).
 */
public final class PlatformProbes implements AutoCloseable {

    /** What a probe is made from: the target's platform, the window to look over, and its queue's client (none: not readable here). */
    record Wiring(TargetPlatform target, StackEndpoints endpoints, Duration window, Clock clock, QueueClient queue) {
    }

    /** The queue's client, or (null) why there is none here; and, when it reads through a port-forward, whether that broke. */
    record QueueClient(QueueBackend backend, String unreadable, Supplier<Optional<String>> broken) {
        static QueueClient direct(QueueBackend backend) {
            return new QueueClient(backend, null, null);
        }

        static QueueClient none(String why) {
            return new QueueClient(null, why, null);
        }

        Probe<QueueDepth> probe(Duration window, Clock clock) {
            Probe<QueueDepth> depth = new QueueDepthProbe(backend, window, clock);
            return broken == null ? depth : new ThroughForward<>(depth, broken);
        }
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
            case TargetPlatform.Kubernetes cluster -> throughForward(cluster, GatewayThroughputProbe.KEY,
                    "requests through the gateway (stub_status) and its access log", StackEndpoints.GATEWAY, StackEndpoints.HTTP_PORT,
                    here -> new GatewayThroughputProbe(ClusterForwards.at(wiring.endpoints().gatewayStatus(), here), wiring.window(), cluster.reader(),
                            StackEndpoints.GATEWAY, wiring.clock()));
        }));
        registry.add(new Registration<>(ContainerStateProbe.KEY, wiring -> switch (wiring.target()) {
            case TargetPlatform.Compose compose -> new ContainerStateProbe(compose.reader(), wiring.clock());
            case TargetPlatform.Kubernetes cluster -> new PodStateProbe(cluster.platform(), wiring.clock());
        }));
        registry.add(new Registration<>(QueueDepthProbe.KEY, wiring -> wiring.queue().backend() == null
                ? new UnreadableOnTarget<>(QueueDepthProbe.KEY, "depth of queue " + wiring.endpoints().queue(), wiring.queue().unreadable())
                : wiring.queue().probe(wiring.window(), wiring.clock())));
        for (String service : List.of(StackEndpoints.EVENT_PROCESSOR, StackEndpoints.INGESTION_API, StackEndpoints.GATEWAY)) {
            registry.add(new Registration<>(LogSignatureProbe.keyFor(service),
                    wiring -> new LogSignatureProbe(wiring.target().reader(), service, Duration.ofMinutes(10), wiring.clock())));
        }
        registry.add(new Registration<>(DashboardProbe.KEY, wiring -> switch (wiring.target()) {
            case TargetPlatform.Compose compose -> new DashboardProbe(wiring.endpoints().dashboardSummary(), wiring.window(), wiring.clock());
            case TargetPlatform.Kubernetes cluster -> throughForward(cluster, DashboardProbe.KEY, "the dashboard's summary",
                    StackEndpoints.DASHBOARD, StackEndpoints.HTTP_PORT,
                    here -> new DashboardProbe(ClusterForwards.at(wiring.endpoints().dashboardSummary(), here), wiring.window(), wiring.clock()),
                    none -> new DashboardProbe.NotRunning(none, wiring.clock()));
        }));
        registry.add(new Registration<>(CosmosReachabilityProbe.KEY, wiring -> switch (wiring.target()) {
            case TargetPlatform.Compose compose -> new CosmosReachabilityProbe(wiring.endpoints().cosmosHost(),
                    wiring.endpoints().cosmosPort(), wiring.endpoints().cosmosKey(), wiring.endpoints().cosmosDatabase(),
                    wiring.endpoints().cosmosContainer(), wiring.clock());
            case TargetPlatform.Kubernetes cluster -> storeSeenFromHere(cluster, wiring);
        }));
        return List.copyOf(registry);
    }

    /**
     * On a cluster, the store is reached where its endpoint says ({@code COSMOS_ENDPOINT}, as the services have it): a
     * cloud account is the same from here; a name only the cluster resolves (or no endpoint, as the offline overlay has
     * none) is the stack's own store, reached through a port-forward to its pod.
     */
    private static Probe<StoreReachability> storeSeenFromHere(TargetPlatform.Kubernetes cluster, Wiring wiring) {
        URI endpoint = wiring.endpoints().cosmosEndpoint();
        StackEndpoints endpoints = wiring.endpoints();
        String what = "the store's endpoint";
        if (endpoint != null && !"https".equals(endpoint.getScheme())) {
            return new UnreadableOnTarget<>(CosmosReachabilityProbe.KEY, what, "COSMOS_ENDPOINT " + endpoint + " is not https://: the key is sent only over TLS");
        }
        String host = endpoint == null ? null : endpoint.getHost();
        if (host == null || !host.contains(".") || host.endsWith(".svc") || host.contains(".svc.")) {
            Probe<StoreReachability> forwarded = throughForward(cluster, CosmosReachabilityProbe.KEY, what, StackEndpoints.COSMOS, StackEndpoints.STORE_PORT,
                    here -> new CosmosReachabilityProbe(here.getHostString(), here.getPort(), endpoints.cosmosKey(), endpoints.cosmosDatabase(),
                            endpoints.cosmosContainer(), wiring.clock()));
            if (endpoint == null && forwarded instanceof UnreadableOnTarget<StoreReachability> unreadable) {
                return new UnreadableOnTarget<>(CosmosReachabilityProbe.KEY, what, unreadable.why() + "; a store outside the cluster is read "
                        + "where COSMOS_ENDPOINT says: set it to the https:// endpoint the cluster's services use (the Secret cloudscale-connections holds it)");
            }
            return forwarded;
        }
        return new CosmosReachabilityProbe(host, endpoint.getPort() == -1 ? 443 : endpoint.getPort(), endpoints.cosmosKey(),
                endpoints.cosmosDatabase(), endpoints.cosmosContainer(), wiring.clock());
    }

    /**
     * A probe of an endpoint inside the cluster, read here through a port-forward to a pod of {@code service}; when
     * there is none to forward to (no running pod, no such port), the probe says why instead of looking.
     */
    private static <T> Probe<T> throughForward(TargetPlatform.Kubernetes cluster, ProbeKey<T> key, String what, String service, String port,
                                               Function<InetSocketAddress, Probe<T>> probe) {
        return throughForward(cluster, key, what, service, port, probe, null);
    }

    /** @param noPod the probe when no pod of the service runs at all (it answers nothing), from why; null: the probe cannot look */
    private static <T> Probe<T> throughForward(TargetPlatform.Kubernetes cluster, ProbeKey<T> key, String what, String service, String port,
                                               Function<InetSocketAddress, Probe<T>> probe, Function<String, Probe<T>> noPod) {
        ClusterForwards forwards = cluster.platform().forwards();
        try {
            Optional<InetSocketAddress> here = forwards.toRunning(service, port);
            if (here.isPresent()) {
                return new ThroughForward<>(probe.apply(here.get()), () -> forwards.broken(service, port));
            }
            String why = "no running pod of " + service + " in " + cluster.platform().describe();
            return noPod != null ? noPod.apply(why) : new UnreadableOnTarget<>(key, what, why + " to port-forward to");
        } catch (CloudscaleException.Unreachable unreachable) {
            return new UnreadableOnTarget<>(key, what, unreachable.getMessage());
        }
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
        QueueClient client = queueOf(target, endpoints);
        this.queue = client.backend();
        Wiring wiring = new Wiring(target, endpoints, window, clock, client);
        for (Registration<?> registration : REGISTRY) {
            Probe<?> probe = registration.factory().apply(wiring);
            if (!probe.name().equals(registration.key().name())) {
                throw new IllegalStateException("the probe registered as " + registration.key().name() + " calls itself " + probe.name());
            }
            probes.put(probe.name(), probe);
        }
    }

    /**
     * The queue's client: on compose, the stack's broker through its published port; on a cluster, a cloud Service Bus,
     * whose management endpoint is the same from anywhere, or the in-cluster RabbitMQ through a port-forward to its pod.
     */
    private static QueueClient queueOf(TargetPlatform target, StackEndpoints endpoints) throws Exception {
        boolean serviceBus = "servicebus".equals(endpoints.queueBackend());
        if (serviceBus) {
            if (target instanceof TargetPlatform.Kubernetes && ServiceBusConnection.parse(endpoints.serviceBusConnection()).emulator()) {
                return QueueClient.none("the Service Bus emulator is not the cluster's queue: on the kubernetes target the queue "
                        + "is RabbitMQ in the cluster (offline) or a cloud Service Bus namespace (SERVICEBUS_CONNECTION_STRING)");
            }
            return QueueClient.direct(new ServiceBusQueue(endpoints.serviceBusConnection(), endpoints.queue(), endpoints.serviceBusAdminPort()));
        }
        if (target instanceof TargetPlatform.Kubernetes cluster) {
            ClusterForwards forwards = cluster.platform().forwards();
            String broker = endpoints.brokerService();
            try {
                URI amqp = ClusterForwards.at(endpoints.amqp(), forwards.to(broker, StackEndpoints.BROKER_PORT));
                return new QueueClient(new RabbitQueue(amqp, endpoints.queue(), endpoints.deadLetterQueue()), null,
                        () -> forwards.broken(broker, StackEndpoints.BROKER_PORT));
            } catch (CloudscaleException.Unreachable unreachable) {
                return QueueClient.none(unreachable.getMessage());
            }
        }
        return QueueClient.direct(new RabbitQueue(endpoints.amqp(), endpoints.queue(), endpoints.deadLetterQueue()));
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
