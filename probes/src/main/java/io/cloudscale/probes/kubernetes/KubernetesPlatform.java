package io.cloudscale.probes.kubernetes;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.Deadline;
import io.cloudscale.probes.signals.PlatformReader;
import io.cloudscale.probes.signals.ServiceLog;
import io.cloudscale.probes.signals.ServiceState;
import io.cloudscale.probes.signals.StackState;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.TimeTailPrettyLoggable;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;

/**
 * The platform on a Kubernetes cluster, read through its API server with fabric8's client over the JDK's HTTP
 * client: each service's pods (found by their {@value #NAME_LABEL} label) as {@link PodState}s and as the
 * {@link StackState} compose's containers give, and a service's recent log lines. Every call to the API server
 * ends within the deadline: the client's own request timeout bounds each request, and the call as a whole is
 * abandoned when the deadline passes, so an API server that accepts the connection and never answers is an
 * {@link CloudscaleException.Unreachable} error after the deadline, not a hang. Nothing here changes the cluster.
 */
public final class KubernetesPlatform implements PlatformReader, AutoCloseable {

    /** The label the stack's manifests give every pod of a service: its compose service name. */
    public static final String NAME_LABEL = "app.kubernetes.io/name";
    /** Keeps one pod's log from being read whole, whatever the line count asked for. */
    static final int MAX_LOG_BYTES = 4 * 1024 * 1024;

    private final KubernetesClient client;
    private final String namespace;
    private final Duration deadline;
    private final PodsAsServiceState mapping;
    private final String where;

    private KubernetesPlatform(KubernetesClient client, String namespace, Duration deadline, Clock clock, String where) {
        this.client = client;
        this.namespace = namespace;
        this.deadline = deadline;
        this.mapping = new PodsAsServiceState(clock);
        this.where = where;
    }

    /** The cluster of a kubeconfig context (empty: the kubeconfig's current one), as kubectl finds the kubeconfig. */
    public static KubernetesPlatform connect(Optional<String> context, String namespace, Duration deadline, Clock clock) {
        Config config;
        try {
            config = Config.autoConfigure(context.orElse(null));
        } catch (KubernetesClientException e) {
            throw new CloudscaleException.Usage("cannot read the kubeconfig: " + firstLine(e), "KUBECONFIG names it; kubectl config view shows it");
        }
        List<String> known = config.getContexts() == null ? List.of() : config.getContexts().stream().map(NamedContext::getName).toList();
        // the client falls back to the current context for a name the kubeconfig lacks: a typo would reach another cluster
        if (context.isPresent() && !known.contains(context.get())) {
            throw new CloudscaleException.Usage("no context " + context.get() + " in the kubeconfig ("
                    + (known.isEmpty() ? "it has none" : "it has " + String.join(", ", known)) + ")",
                    "kubectl config get-contexts lists them; --context picks one");
        }
        String contextName = context.orElseGet(() -> config.getCurrentContext() == null ? "(none)" : config.getCurrentContext().getName());
        return using(config, namespace, deadline, clock, "kubernetes context " + contextName + ", namespace " + namespace);
    }

    /** A client for {@code config}'s API server, with the deadline as its request and connection timeouts and no retries. */
    public static KubernetesPlatform using(Config config, String namespace, Duration deadline, Clock clock, String where) {
        int millis = (int) Math.min(Integer.MAX_VALUE, deadline.toMillis());
        Config bounded = new ConfigBuilder(config)
                .withNamespace(namespace)
                .withRequestTimeout(millis)
                .withConnectionTimeout(millis)
                // a retried request would outlive the deadline; the probe asks again on its next look
                .withRequestRetryBackoffLimit(0)
                .build();
        KubernetesClient client = new KubernetesClientBuilder().withConfig(bounded).withHttpClientFactory(new JdkHttpClientFactory()).build();
        return new KubernetesPlatform(client, namespace, deadline, clock, where);
    }

    @Override
    public String describe() {
        return where;
    }

    @Override
    public String scope() {
        return namespace;
    }

    /** Every pod of the namespace that belongs to a service of the stack. */
    public List<PodState> pods() {
        List<Pod> pods = call("listing the pods of namespace " + namespace,
                () -> client.pods().inNamespace(namespace).withLabel(NAME_LABEL).list().getItems());
        return pods.stream().map(pod -> PodStates.of(pod.getMetadata().getLabels().get(NAME_LABEL), pod)).toList();
    }

    @Override
    public StackState services() {
        return stackOf(pods());
    }

    /** The services the pods make up, in the vocabulary of compose's containers; one state per service. */
    public StackState stackOf(List<PodState> pods) {
        Map<String, List<PodState>> byService = new TreeMap<>();
        for (PodState pod : pods) {
            byService.computeIfAbsent(pod.service(), service -> new ArrayList<>()).add(pod);
        }
        List<ServiceState> services = byService.values().stream().map(mapping::of).toList();
        return new StackState(namespace, services);
    }

    @Override
    public ServiceLog recentLog(String service, Instant since, int maxLines) {
        List<PodState> pods = pods().stream().filter(pod -> pod.service().equals(service)).toList();
        if (pods.isEmpty()) {
            return new ServiceLog(service, null, List.of(), List.of(), true);
        }
        PodState pod = mapping.representative(pods);
        List<String> previous = pod.restarts() > 0 ? log(pod, true, since, maxLines) : List.of();
        // a container waiting to start again has no log of its own yet: the API server answers 400 for it
        boolean hasRun = PodState.RUNNING.equals(pod.container()) || PodState.TERMINATED.equals(pod.container());
        List<String> current = hasRun ? log(pod, false, since, maxLines) : List.of();
        return new ServiceLog(service, "pod " + pod.pod() + " container " + pod.containerName(), previous, current, true);
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
        return Deadline.within(deadline, request, failure -> {
            throw unreachable(what, failure);
        });
    }

    private CloudscaleException.Unreachable unreachable(String what, Throwable failure) {
        String server = client.getMasterUrl() == null ? "the Kubernetes API server" : "the Kubernetes API server at " + client.getMasterUrl();
        if (failure instanceof TimeoutException) {
            return new CloudscaleException.Unreachable(server + " did not answer within " + deadline.toMillis() + " ms (" + what + ")",
                    "is the cluster up and " + where + " the right one?", failure);
        }
        if (failure instanceof KubernetesClientException refused && (refused.getCode() == 401 || refused.getCode() == 403)) {
            return new CloudscaleException.Unreachable(server + " refused " + what + " (HTTP " + refused.getCode() + ")",
                    "the kubeconfig's user needs read access to pods and their logs in namespace " + namespace + " (see the README's Role)", failure);
        }
        return new CloudscaleException.Unreachable(server + ": " + what + " failed: " + causes(unwrapped(failure)), null, failure);
    }

    /** The client wraps what went wrong ("Operation: [list] for kind: [Pod] ... failed."): its cause says what. */
    private static Throwable unwrapped(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof KubernetesClientException || cause instanceof java.util.concurrent.ExecutionException
                || cause instanceof java.util.concurrent.CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The first message down the chain of causes; the JDK's connection failures carry none, so their names say it. */
    private static String causes(Throwable failure) {
        List<String> names = new ArrayList<>();
        for (Throwable cause = failure; cause != null && names.size() < 5; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                return firstLine(cause);
            }
            names.add(cause.getClass().getSimpleName());
        }
        return String.join(" caused by ", names);
    }

    private static String firstLine(Throwable failure) {
        String message = failure.getMessage();
        return message == null ? failure.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }

    @Override
    public void close() {
        client.close();
    }
}
