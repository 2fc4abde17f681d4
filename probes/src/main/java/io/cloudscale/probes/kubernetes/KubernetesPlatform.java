package io.cloudscale.probes.kubernetes;

import io.cloudscale.probes.signals.PlatformReader;
import io.cloudscale.probes.signals.ServiceLog;
import io.cloudscale.probes.signals.ServiceState;
import io.cloudscale.probes.signals.StackState;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.TimeTailPrettyLoggable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * The platform on a Kubernetes cluster, read through its API server with fabric8's client over the JDK's HTTP
 * client: each service's pods (found by their {@value #NAME_LABEL} label) as {@link PodState}s and as the
 * {@link StackState} compose's containers give, and a service's recent log lines. Every call to the API server
 * goes through {@link KubernetesApi#call}, so it ends within the deadline. Nothing here changes the cluster.
 */
public final class KubernetesPlatform implements PlatformReader, AutoCloseable {

    /** The label the stack's manifests give every pod of a service: its compose service name. */
    public static final String NAME_LABEL = "app.kubernetes.io/name";
    /** What a service scaled to 0 has instead of a pod's name. */
    public static final String SCALED_TO_ZERO = "(scaled to 0 replicas)";
    /** Keeps one pod's log from being read whole, whatever the line count asked for. */
    static final int MAX_LOG_BYTES = 4 * 1024 * 1024;

    private final KubernetesApi api;
    private final KubernetesClient client;
    private final String namespace;
    private final PodsAsServiceState mapping;
    private final ClusterForwards forwards;

    private KubernetesPlatform(KubernetesApi api, Clock clock) {
        this.api = api;
        this.client = api.client();
        this.namespace = api.namespace();
        this.mapping = new PodsAsServiceState(clock);
        this.forwards = new ClusterForwards(api);
    }

    /** The cluster of a kubeconfig context (empty: the kubeconfig's current one), as kubectl finds the kubeconfig. */
    public static KubernetesPlatform connect(Optional<String> context, String namespace, Duration deadline, Clock clock) {
        return reading(KubernetesApi.connect(context, namespace, deadline), clock);
    }

    /** A client for {@code config}'s API server, with the deadline as its request and connection timeouts and no retries. */
    public static KubernetesPlatform using(Config config, String namespace, Duration deadline, Clock clock, String where) {
        return reading(KubernetesApi.using(config, namespace, deadline, where), clock);
    }

    /** The platform read through {@code api}, which it then owns: closing the platform closes it. */
    public static KubernetesPlatform reading(KubernetesApi api, Clock clock) {
        return new KubernetesPlatform(api, clock);
    }

    @Override
    public String describe() {
        return api.describe();
    }

    @Override
    public String scope() {
        return namespace;
    }

    /** The services' own ports, forwarded here on demand; closed with the platform. */
    public ClusterForwards forwards() {
        return forwards;
    }

    /** Every pod of the namespace that belongs to a service of the stack. */
    public List<PodState> pods() {
        List<Pod> pods = call("listing the pods of namespace " + namespace,
                () -> client.pods().inNamespace(namespace).withLabel(NAME_LABEL).list().getItems());
        return pods.stream().map(pod -> PodStates.of(pod.getMetadata().getLabels().get(NAME_LABEL), pod)).toList();
    }

    /**
     * The services of the stack whose Deployment asks for no pod (scaled to 0): stopped, though no pod says so. Without
     * them a stopped service would be missing from the stack, which the tree reads as one the stack does not run (a
     * cloud queue instead of a broker of its own).
     */
    public Set<String> scaledToZero() {
        List<Deployment> deployments = call("listing the Deployments of namespace " + namespace,
                () -> client.apps().deployments().inNamespace(namespace).withLabel(NAME_LABEL).list().getItems());
        Set<String> stopped = new TreeSet<>();
        for (Deployment deployment : deployments) {
            if (deployment.getSpec() != null && Integer.valueOf(0).equals(deployment.getSpec().getReplicas())) {
                stopped.add(deployment.getMetadata().getLabels().get(NAME_LABEL));
            }
        }
        return stopped;
    }

    @Override
    public StackState services() {
        return stackOf(pods(), scaledToZero());
    }

    /**
     * The services the pods make up, in the vocabulary of compose's containers; one state per service, and a service
     * scaled to 0 with no pod left is {@code exited}, as compose shows a stopped container.
     */
    public StackState stackOf(List<PodState> pods, Set<String> scaledToZero) {
        Map<String, List<PodState>> byService = new TreeMap<>();
        for (PodState pod : pods) {
            byService.computeIfAbsent(pod.service(), service -> new ArrayList<>()).add(pod);
        }
        Map<String, ServiceState> services = new TreeMap<>();
        byService.forEach((service, own) -> services.put(service, mapping.of(own)));
        scaledToZero.forEach(service -> services.putIfAbsent(service, new ServiceState(service, SCALED_TO_ZERO, "exited", null, 0, null, false)));
        return new StackState(namespace, List.copyOf(services.values()));
    }

    @Override
    public ServiceLog recentLog(String service, Instant since, int maxLines) {
        List<PodState> pods = pods().stream().filter(pod -> pod.service().equals(service)).toList();
        if (pods.isEmpty()) {
            return new ServiceLog(service, null, List.of(), List.of(), true);
        }
        return podLog(mapping.representative(pods), since, maxLines);
    }

    /** One pod's log: its previous run's last lines when it restarted, and its current run's when that has started. */
    public ServiceLog podLog(PodState pod, Instant since, int maxLines) {
        List<String> previous = pod.restarts() > 0 ? log(pod, true, since, maxLines) : List.of();
        // a container waiting to start again has no log of its own yet: the API server answers 400 for it
        boolean hasRun = PodState.RUNNING.equals(pod.container()) || PodState.TERMINATED.equals(pod.container());
        List<String> current = hasRun ? log(pod, false, since, maxLines) : List.of();
        return new ServiceLog(pod.service(), "pod " + pod.pod() + " container " + pod.containerName(), previous, current, true);
    }

    private List<String> log(PodState pod, boolean previousRun, Instant since, int maxLines) {
        String text = call("reading the log of pod " + pod.pod() + (previousRun ? " (previous run)" : ""), () -> {
            var container = client.pods().inNamespace(namespace).withName(pod.pod()).inContainer(pod.containerName());
            // the client takes a byte limit or the previous run, not both: the previous run is bounded by time and lines
            TimeTailPrettyLoggable run = previousRun ? container.terminated() : container.limitBytes(MAX_LOG_BYTES);
            return run.sinceTime(since.toString()).tailingLines(maxLines).getLog();
        });
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<String> lines = text.lines().toList();
        return lines.size() <= maxLines ? lines : lines.subList(lines.size() - maxLines, lines.size());
    }

    private <T> T call(String what, Callable<T> request) {
        return api.call(what, request);
    }

    @Override
    public void close() {
        forwards.close();
        api.close();
    }
}
