package io.cloudscale.probes.kubernetes;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.Deadline;
import io.cloudscale.core.Failures;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * One namespace of a cluster's API server, reached with fabric8's client over the JDK's HTTP client, and the one
 * way every call to it is made: within the deadline the tool enforces itself (the client's own request timeout
 * bounds each request, and the call as a whole is abandoned when the deadline passes), with what went wrong said
 * in one line as {@link CloudscaleException.Unreachable}. What reads the platform and what changes it share this.
 */
public final class KubernetesApi implements AutoCloseable {

    private final KubernetesClient client;
    private final String namespace;
    private final Duration deadline;
    private final String where;

    private KubernetesApi(KubernetesClient client, String namespace, Duration deadline, String where) {
        this.client = client;
        this.namespace = namespace;
        this.deadline = deadline;
        this.where = where;
    }

    /** The cluster of a kubeconfig context (empty: the kubeconfig's current one), as kubectl finds the kubeconfig. */
    public static KubernetesApi connect(Optional<String> context, String namespace, Duration deadline) {
        Config config;
        try {
            config = Config.autoConfigure(context.orElse(null));
        } catch (KubernetesClientException e) {
            throw new CloudscaleException.Usage("cannot read the kubeconfig: " + Failures.describe(e), "KUBECONFIG names it; kubectl config view shows it");
        }
        List<String> known = config.getContexts() == null ? List.of() : config.getContexts().stream().map(NamedContext::getName).toList();
        // the client falls back to the current context for a name the kubeconfig lacks: a typo would reach another cluster
        if (context.isPresent() && !known.contains(context.get())) {
            throw new CloudscaleException.Usage("no context " + context.get() + " in the kubeconfig ("
                    + (known.isEmpty() ? "it has none" : "it has " + String.join(", ", known)) + ")",
                    "kubectl config get-contexts lists them; --context picks one");
        }
        String contextName = context.orElseGet(() -> config.getCurrentContext() == null ? "(none)" : config.getCurrentContext().getName());
        return using(config, namespace, deadline, "kubernetes context " + contextName + ", namespace " + namespace);
    }

    /** A client for {@code config}'s API server, with the deadline as its request and connection timeouts and no retries. */
    public static KubernetesApi using(Config config, String namespace, Duration deadline, String where) {
        int millis = (int) Math.min(Integer.MAX_VALUE, deadline.toMillis());
        Config bounded = new ConfigBuilder(config)
                .withNamespace(namespace)
                .withRequestTimeout(millis)
                .withConnectionTimeout(millis)
                // a retried request would outlive the deadline; whoever asked asks again on its next look
                .withRequestRetryBackoffLimit(0)
                .build();
        KubernetesClient client = new KubernetesClientBuilder().withConfig(bounded).withHttpClientFactory(new JdkHttpClientFactory()).build();
        return new KubernetesApi(client, namespace, deadline, where);
    }

    /** The client, for building a request that {@link #call} then makes; never for a call made outside it. */
    public KubernetesClient client() {
        return client;
    }

    public String namespace() {
        return namespace;
    }

    public Duration deadline() {
        return deadline;
    }

    /** Which context and namespace, for the operator. */
    public String describe() {
        return where;
    }

    /** The request's answer, or within the deadline the one-line {@link CloudscaleException.Unreachable} of why there is none. */
    public <T> T call(String what, Callable<T> request) {
        return Deadline.within(deadline, request, failure -> {
            throw unreachable(what, failure);
        });
    }

    /** The HTTP status the API server answered a failed call with, or empty when it did not answer at all. */
    public static Optional<Integer> status(CloudscaleException.Unreachable failure) {
        return failure.getCause() instanceof KubernetesClientException answered && answered.getCode() > 0
                ? Optional.of(answered.getCode()) : Optional.empty();
    }

    private CloudscaleException.Unreachable unreachable(String what, Throwable failure) {
        String server = client.getMasterUrl() == null ? "the Kubernetes API server" : "the Kubernetes API server at " + client.getMasterUrl();
        if (timedOut(failure)) {
            return new CloudscaleException.Unreachable(server + " did not answer within " + deadline.toMillis() + " ms (" + what + ")",
                    "is the cluster up and " + where + " the right one?", failure);
        }
        if (failure instanceof KubernetesClientException refused && (refused.getCode() == 401 || refused.getCode() == 403)) {
            return new CloudscaleException.Unreachable(server + " refused " + what + " (HTTP " + refused.getCode() + ")",
                    "the kubeconfig's user needs the README's Role for this in namespace " + namespace
                            + " (cloudscale-reader to read, cloudscale-operator to change)", failure);
        }
        return new CloudscaleException.Unreachable(server + ": " + what + " failed: " + causes(unwrapped(failure)), null, failure);
    }

    /**
     * The deadline passed: ours, or the client's request timeout (the same length, so whichever fires first), which
     * the client reports as its own exception around the JDK's {@link HttpTimeoutException}.
     */
    private static boolean timedOut(Throwable failure) {
        return chain(failure).stream().anyMatch(cause -> cause instanceof TimeoutException || cause instanceof HttpTimeoutException
                || cause instanceof SocketTimeoutException);
    }

    /** The client wraps what went wrong ("Operation: [list] for kind: [Pod] ... failed."): its cause says what. */
    private static Throwable unwrapped(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof KubernetesClientException || cause instanceof ExecutionException
                || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The first message down the chain of causes; the JDK's connection failures carry none, so their names say it. */
    static String causes(Throwable failure) {
        List<String> names = new ArrayList<>();
        for (Throwable cause : chain(failure).stream().limit(5).toList()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                return Failures.describe(cause);
            }
            names.add(cause.getClass().getSimpleName());
        }
        return String.join(" caused by ", names);
    }

    /** The failure and its causes, outermost first; a few deep, since a chain may loop back on itself. */
    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable cause = failure; cause != null && chain.size() < 10 && !chain.contains(cause); cause = cause.getCause()) {
            chain.add(cause);
        }
        return chain;
    }

    @Override
    public void close() {
        client.close();
    }
}
