package io.cloudscale.playbooks.rca;

import static io.cloudscale.probes.kubernetes.KubeletStatuses.container;
import static io.cloudscale.probes.kubernetes.KubeletStatuses.running;
import static io.cloudscale.probes.kubernetes.KubeletStatuses.terminated;
import static io.cloudscale.probes.kubernetes.KubeletStatuses.waiting;

import io.cloudscale.core.Status;
import io.cloudscale.core.diagnosis.Evidence;
import io.cloudscale.core.diagnosis.Observation;
import io.cloudscale.core.diagnosis.Probe;
import io.cloudscale.core.diagnosis.ProbeKey;
import io.cloudscale.core.diagnosis.ProbeSpec;
import io.cloudscale.core.diagnosis.Settled;
import io.cloudscale.probes.kubernetes.KubeletPortForward;
import io.cloudscale.probes.kubernetes.KubeletStatuses;
import io.cloudscale.probes.kubernetes.KubernetesPlatform;
import io.cloudscale.probes.kubernetes.PodEndpoint;
import io.cloudscale.probes.logs.LogScanReport;
import io.cloudscale.probes.logs.Signature;
import io.cloudscale.probes.signals.CosmosReachabilityProbe;
import io.cloudscale.probes.signals.GatewayThroughputProbe;
import io.cloudscale.probes.signals.QueueCounts;
import io.cloudscale.probes.signals.QueueDepth;
import io.cloudscale.probes.signals.QueueDepthProbe;
import io.cloudscale.probes.signals.Throughput;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The platform on a cluster, played into fabric8's mock API server (CRUD mode), which runs no controller, no kubelet
 * and no service: a loop plays the Deployment controller and the kubelet (each Deployment's pods follow its replicas
 * and its template: a changed template replaces every pod, under new names, as the ReplicaSet of a new template does;
 * each pod's status is written as the kubelet writes it, CrashLoopBackOff for a service that cannot start with its
 * env), and the pipeline reacts to what runs, as the real one would: the gateway's pod answers clients (502 with no
 * API pod ready, 429 over the API's per-client limit, 503 with no broker), accepted events are stored while a
 * processor and the store run and the processor's store settings are right (else they wait in the queue), schema 2
 * events are dead-lettered, the dashboard's pod counts the store (an error with no store pod; the offline store comes
 * back empty). The gateway's and the dashboard's pods are real local HTTP servers reached through the port-forward the
 * test plays ({@link KubeletPortForward}).
 *
 * <p>What the mock API server cannot give the tree (the broker's AMQP, the services' logs, the gateway's access log, a
 * TLS handshake with the store) comes from {@link #playedProbes}: the same signals, computed from the played pipeline.
 */
public final class PlayedPlatform implements AutoCloseable {

    public static final List<String> SERVICES = List.of("gateway", "ingestion-api", "event-processor", "dashboard", "cosmos", "rabbitmq");
    /** The label a played pod carries: the template it was made from. */
    private static final String TEMPLATE_LABEL = "played-template";
    private static final String STORE_ENDPOINT = "https://cosmos:8081/";
    private static final Duration TICK = Duration.ofMillis(50);

    /** A service as the pipeline sees it: its pods ready now, and the env of the template they run. */
    private record Running(int ready, Map<String, String> env) {
    }

    private final KubernetesClient cluster;
    private final String namespace;
    private final KubeletPortForward kubelet;
    private final PodEndpoint gateway = new PodEndpoint();
    private final PodEndpoint dashboard = new PodEndpoint();
    private final Map<String, Running> services = new ConcurrentHashMap<>();
    private final AtomicInteger podCount = new AtomicInteger();
    private final Set<String> frozen = ConcurrentHashMap.newKeySet();
    /** Held by the controllers for one tick: what the test changes under them waits for the tick to end. */
    private final Object tick = new Object();
    private volatile boolean dashboardCountsRegardless;
    private volatile boolean closed;
    private final Thread controllers;

    // the pipeline, under this object's lock
    private long queued;
    private long stored;
    private long deadLettered;
    private long lastAccepted = System.nanoTime() - 1_000_000_000L;
    private final AtomicLong answered2xx = new AtomicLong();
    private final AtomicLong answered429 = new AtomicLong();
    private final AtomicLong answered503 = new AtomicLong();
    private final AtomicLong answered5xx = new AtomicLong();
    private final AtomicLong shed = new AtomicLong();

    public PlayedPlatform(KubernetesClient cluster, String namespace, KubeletPortForward kubelet) {
        this.cluster = cluster;
        this.namespace = namespace;
        this.kubelet = kubelet;
        gateway.handle("/api/events", exchange -> {
            exchange.getRequestBody().readAllBytes();
            int status = ingest();
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        dashboard.answer("/summary", this::summary);
        controllers = Thread.ofVirtual().name("played-controllers").start(this::play);
    }

    /** The controller of {@code deployment} stops acting on it: its changes are never rolled out. */
    public void freeze(String deployment) {
        frozen.add(deployment);
    }

    /**
     * Deletes a service's Deployment and its pods between two of the controllers' ticks, as a settled cluster would
     * show it: a tick that had listed the Deployment before it went would otherwise start a pod for it again.
     */
    public void delete(String service) {
        synchronized (tick) {
            cluster.apps().deployments().inNamespace(namespace).withName(service).delete();
            cluster.pods().inNamespace(namespace).withLabel(KubernetesPlatform.NAME_LABEL, service).delete();
            services.remove(service);
        }
    }

    /** The dashboard's count keeps rising whatever the pipeline does: a symptom that never shows. */
    public void dashboardCountsRegardless() {
        dashboardCountsRegardless = true;
    }

    public synchronized long stored() {
        return stored;
    }

    public boolean ready(String service) {
        return services.getOrDefault(service, new Running(0, Map.of())).ready() > 0;
    }

    private Map<String, String> env(String service) {
        return services.getOrDefault(service, new Running(0, Map.of())).env();
    }

    private void play() {
        while (!closed) {
            try {
                synchronized (tick) {
                    for (Deployment deployment : cluster.apps().deployments().inNamespace(namespace).list().getItems()) {
                        if (!frozen.contains(deployment.getMetadata().getName())) {
                            reconcile(deployment);
                        }
                    }
                    drain();
                }
            } catch (RuntimeException e) {
                // a write that raced the tool's own (a conflict): the next tick plays it again
            }
            LockSupport.parkNanos(TICK.toNanos());
        }
    }

    /** What the ReplicaSet controller, the kubelet and the Deployment controller do for one Deployment. */
    private void reconcile(Deployment deployment) {
        String service = deployment.getMetadata().getName();
        PodTemplateSpec template = deployment.getSpec().getTemplate();
        String hash = Integer.toHexString(Serialization.asJson(template).hashCode());
        int replicas = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
        Map<String, String> env = envOf(template);
        List<Pod> pods = cluster.pods().inNamespace(namespace).withLabel(KubernetesPlatform.NAME_LABEL, service).list().getItems();
        int current = 0;
        for (Pod pod : pods) {
            boolean ofThisTemplate = hash.equals(pod.getMetadata().getLabels().get(TEMPLATE_LABEL));
            if (!ofThisTemplate || current >= replicas) {
                kubelet.listen(pod.getMetadata().getName(), 8080, null);
                cluster.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).withGracePeriod(0).delete();
            } else {
                current++;
            }
        }
        boolean starts = starts(service, env);
        for (; current < replicas; current++) {
            start(service, hash, template, starts);
        }
        int ready = starts ? replicas : 0;
        services.put(service, new Running(ready, env));
        DeploymentStatus status = deployment.getStatus();
        long generation = Objects.requireNonNullElse(deployment.getMetadata().getGeneration(), 1L);
        if (status == null || !Objects.equals(status.getObservedGeneration(), generation) || !Objects.equals(status.getReplicas(), replicas)
                || !Objects.equals(status.getAvailableReplicas(), ready)) {
            cluster.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder(deployment).withNewStatus()
                    .withObservedGeneration(generation).withReplicas(replicas).withUpdatedReplicas(replicas)
                    .withAvailableReplicas(ready).withReadyReplicas(ready).endStatus().build()).updateStatus();
        }
    }

    private void start(String service, String hash, PodTemplateSpec template, boolean starts) {
        String name = service + "-" + hash + "-" + podCount.incrementAndGet();
        Map<String, String> labels = new HashMap<>(template.getMetadata().getLabels());
        labels.put(TEMPLATE_LABEL, hash);
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withLabels(labels).withCreationTimestamp(Instant.now().toString()).endMetadata()
                .withSpec(template.getSpec()).build();
        Instant now = Instant.now();
        ContainerStatus status = starts ? container(service, true, 0).withState(running(now)).build()
                : container(service, false, 3).withState(waiting("CrashLoopBackOff"))
                        .withLastState(terminated("Error", 1, now.minusSeconds(2), now.minusSeconds(1))).build();
        KubeletStatuses.report(cluster, namespace, pod, "Running", status);
        InetSocketAddress endpoint = service.equals("gateway") ? gateway.address() : service.equals("dashboard") ? dashboard.address() : null;
        if (endpoint != null && starts) {
            kubelet.listen(name, 8080, endpoint);
        }
    }

    /** The one setting a played service cannot start with: an API limit that is not a number. */
    private static boolean starts(String service, Map<String, String> env) {
        if (service.equals("ingestion-api")) {
            try {
                Integer.parseInt(env.getOrDefault("INGEST_CLIENT_RPS", "2000"));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> envOf(PodTemplateSpec template) {
        Map<String, String> env = new HashMap<>();
        for (EnvVar variable : Objects.requireNonNullElse(template.getSpec().getContainers().getFirst().getEnv(), List.<EnvVar>of())) {
            if (variable.getValue() != null) {
                env.put(variable.getName(), variable.getValue());
            }
        }
        return env;
    }

    /** What the gateway answers one client's event with. */
    private synchronized int ingest() {
        if (!ready("ingestion-api")) {
            answered5xx.incrementAndGet();
            return 502;
        }
        // the limit as the API's token bucket keeps it: one request per 1/RPS of a second
        long now = System.nanoTime();
        if (now - lastAccepted < 1_000_000_000L / Integer.parseInt(env("ingestion-api").getOrDefault("INGEST_CLIENT_RPS", "2000"))) {
            shed.incrementAndGet();
            answered429.incrementAndGet();
            return 429;
        }
        if (!ready("rabbitmq")) {
            answered503.incrementAndGet();
            return 503;
        }
        if ("2".equals(env("ingestion-api").get("EVENT_SCHEMA_VERSION"))) {
            deadLettered++;
        } else {
            queued++;
            drain();
        }
        lastAccepted = now;
        answered2xx.incrementAndGet();
        return 202;
    }

    /** The processor takes what waits in the queue to the store, when it can. */
    private synchronized void drain() {
        if (!ready("cosmos")) {
            stored = 0; // the offline store keeps its data in memory
            return;
        }
        if (ready("event-processor") && processorReachesTheStore()) {
            stored += queued;
            queued = 0;
        }
    }

    private boolean processorTrustsTheStore() {
        return !"false".equals(env("event-processor").get("COSMOS_TRUST_EMULATOR_CERT"));
    }

    private boolean processorReachesTheStore() {
        return processorTrustsTheStore() && STORE_ENDPOINT.equals(env("event-processor").getOrDefault("COSMOS_ENDPOINT", STORE_ENDPOINT));
    }

    private synchronized String summary() {
        if (dashboardCountsRegardless) {
            stored += 10;
        }
        if (!ready("cosmos")) {
            return "{\"storedEvents\": null, \"queueDepth\": " + queued + ", \"errors\": {\"store\": \"Connection refused: cosmos:8081\"}}";
        }
        // counted now, as the dashboard's own sampler does on a small store
        return "{\"storedEvents\": " + stored + ", \"storedCountedAt\": \"" + java.time.Instant.now() + "\", \"queueDepth\": " + queued + ", \"deadLettered\": " + deadLettered + ", \"errors\": {}}";
    }

    private synchronized QueueCounts queue() {
        return new QueueCounts(queued, deadLettered, null, ready("event-processor") ? 1 : 0);
    }

    /**
     * The signals the mock API server cannot carry, played from the pipeline over {@code window}: the gateway's traffic
     * by status class (its access log), the queue's depth (the broker's AMQP), the processor's and the API's log
     * signatures, and the store's endpoint answering (its TLS handshake).
     */
    public Map<String, Probe<?>> playedProbes(Duration window) {
        return Map.of(
                GatewayThroughputProbe.KEY.name(), new Played<>(GatewayThroughputProbe.KEY, window, () -> {
                    if (!ready("gateway")) {
                        return new Throughput(false, 0, 0, window, Map.of(), null, "Connection refused");
                    }
                    long[] before = answers();
                    pause(window);
                    long[] after = answers();
                    Map<String, Long> classes = Map.of("2xx", after[0] - before[0], "429", after[1] - before[1], "503", after[2] - before[2],
                            "5xx", after[3] - before[3]);
                    long requests = classes.values().stream().mapToLong(Long::longValue).sum();
                    return new Throughput(true, requests / (window.toMillis() / 1000.0), requests, window, classes, requests, null);
                }),
                QueueDepthProbe.KEY.name(), new Played<>(QueueDepthProbe.KEY, window, () -> {
                    if (!ready("rabbitmq")) {
                        return null;
                    }
                    QueueCounts first = queue();
                    pause(window.dividedBy(2));
                    QueueCounts middle = queue();
                    pause(window.dividedBy(2));
                    return new QueueDepth("rabbitmq events", first, middle, queue(), window);
                }),
                ZeroEventsTree.PROCESSOR_LOGS.name(), new Played<>(ZeroEventsTree.PROCESSOR_LOGS, window, () -> {
                    if (!ready("event-processor") || !ready("cosmos") || processorReachesTheStore()) {
                        return ZeroEventsTreeTest.logs();
                    }
                    return processorTrustsTheStore() ? ZeroEventsTreeTest.logs("circuit-open", "connection-refused")
                            : ZeroEventsTreeTest.logs("circuit-open", "tls-untrusted");
                }),
                ZeroEventsTree.API_LOGS.name(), new Played<>(ZeroEventsTree.API_LOGS, window, () -> {
                    long before = shed.get();
                    pause(window);
                    return shed.get() > before ? ZeroEventsTreeTest.logs(Signature.API_SHED) : ZeroEventsTreeTest.logs();
                }),
                CosmosReachabilityProbe.KEY.name(), new Played<>(CosmosReachabilityProbe.KEY, window,
                        () -> ready("cosmos") ? ZeroEventsTreeTest.storeAnswers() : ZeroEventsTreeTest.storeSilent()));
    }

    private long[] answers() {
        return new long[] {answered2xx.get(), answered429.get(), answered503.get(), answered5xx.get()};
    }

    /** A played probe's window: it looks at its start and at its end, as the real one does. */
    private static void pause(Duration window) {
        LockSupport.parkNanos(window.toNanos());
    }

    /** A signal computed from the played pipeline when the engine asks; null: the probe could not look. */
    private record Played<T>(ProbeKey<T> key, Duration window, Supplier<T> look) implements Probe<T> {
        @Override
        public ProbeSpec<T> spec() {
            return new ProbeSpec<>(key, "played " + key.name(), 1, window.plusSeconds(5));
        }

        @Override
        public Observation<T> observe(Settled settled) {
            T value = look.get();
            return value == null ? Observation.unknown(key.name(), "Connection refused (played)")
                    : Observation.of(key.name(), Status.OK, value, List.of(new Evidence(key.name(), Instant.now(), String.valueOf(value))));
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            controllers.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        gateway.close();
        dashboard.close();
    }
}
