package io.cloudscale.probes.kubernetes;

import io.cloudscale.core.CloudscaleException;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The cluster's own endpoints brought to this machine: a port-forward through the API server ({@code pods/portforward},
 * what `kubectl port-forward` uses, with no kubectl process) from a loopback port here to a named port of one pod of a
 * service, the manifests' names ({@code http}, {@code https}, {@code amqp}). A pod rather than the Service, as kubectl
 * does too: the API server forwards to pods. One forward per service and port, opened at the first ask and kept until
 * this is closed; each connection made to it is carried over its own stream, so what reads through it keeps its own
 * deadline.
 */
public final class ClusterForwards implements AutoCloseable {

    /** How the client reports a message on the stream's error channel: the kubelet could not reach the pod's port. */
    private static final String POD_PORT_FAILED = "Received an error from the remote socket";

    /** One open forward and the pod it goes to. */
    private record Forward(String pod, LocalPortForward local) {
    }

    private final KubernetesApi api;
    private final Map<String, Forward> open = new HashMap<>();

    ClusterForwards(KubernetesApi api) {
        this.api = api;
    }

    /**
     * A loopback address here that reaches the port named {@code portName} of a pod of {@code service}, a ready one if
     * any is; {@link CloudscaleException.Unreachable} saying why when no pod of it runs or its pod has no such port.
     */
    public synchronized InetSocketAddress to(String service, String portName) {
        return toRunning(service, portName).orElseThrow(() -> noRunningPod(service));
    }

    /**
     * As {@link #to}, but empty when no pod of the service runs (scaled to 0, crash-looping, not started): a fact about
     * the service, which answers nothing, where {@link CloudscaleException.Unreachable} is the API server failing.
     */
    public synchronized Optional<InetSocketAddress> toRunning(String service, String portName) {
        Forward forward = open.get(service + "/" + portName);
        return (forward != null ? Optional.of(forward) : reopen(service, portName, runningPods(service))).map(ClusterForwards::here);
    }

    /**
     * As {@link #to}, for what outlives the service's pods (a drill scales a service to 0 and back, changes its
     * settings): the forward is kept while the pod it goes to still runs, and opened anew to a running pod when that
     * pod is gone, since a forward goes to one pod by name and its replacement has another.
     */
    public synchronized InetSocketAddress current(String service, String portName) {
        Forward forward = open.get(service + "/" + portName);
        List<Pod> running = runningPods(service);
        boolean stillThere = forward != null && running.stream().anyMatch(pod -> pod.getMetadata().getName().equals(forward.pod()));
        return here(stillThere ? forward : reopen(service, portName, running).orElseThrow(() -> noRunningPod(service)));
    }

    private CloudscaleException.Unreachable noRunningPod(String service) {
        return new CloudscaleException.Unreachable("no running pod of " + service + " in " + api.describe() + " to port-forward to",
                "kubectl -n " + api.namespace() + " get pods -l " + KubernetesPlatform.NAME_LABEL + "=" + service, null);
    }

    /** A forward to the first of {@code running}, in place of the one there was; empty when none runs. */
    private Optional<Forward> reopen(String service, String portName, List<Pod> running) {
        String key = service + "/" + portName;
        Forward previous = open.remove(key);
        if (previous != null) {
            closeQuietly(previous);
        }
        if (running.isEmpty()) {
            return Optional.empty();
        }
        Pod pod = running.getFirst();
        int port = containerPort(pod, portName);
        String name = pod.getMetadata().getName();
        LocalPortForward local = api.call("opening a port-forward to pod " + name + " port " + port, () -> api.client().pods()
                .inNamespace(api.namespace()).withName(name).portForward(port, InetAddress.getLoopbackAddress(), 0));
        Forward forward = new Forward(name, local);
        open.put(key, forward);
        return Optional.of(forward);
    }

    private static InetSocketAddress here(Forward forward) {
        return new InetSocketAddress(forward.local().getLocalAddress(), forward.local().getLocalPort());
    }

    /**
     * Why the forward to {@code service}'s port broke, if it did: the API server did not open a stream (refused it, an
     * upgrade it would not do, no answer). Not when the stream opened and the kubelet found nothing listening on the
     * pod's port: that is the service's own failure, which whatever read through the forward has seen as it is.
     */
    public synchronized Optional<String> broken(String service, String portName) {
        Forward forward = open.get(service + "/" + portName);
        if (forward == null) {
            return Optional.empty();
        }
        return forward.local().getServerThrowables().stream()
                .filter(failure -> failure.getMessage() == null || !failure.getMessage().startsWith(POD_PORT_FAILED))
                .findFirst()
                .map(failure -> "the port-forward to " + service + " (port " + portName + ") through the API server failed: "
                        + KubernetesApi.causes(failure));
    }

    /** {@code uri} (scheme, user, path and query kept) at the forward's address here. */
    public static URI at(URI uri, InetSocketAddress here) {
        try {
            return new URI(uri.getScheme(), uri.getUserInfo(), here.getAddress().getHostAddress(), here.getPort(), uri.getPath(), uri.getQuery(), null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("a URI with another host and port: " + uri, e);
        }
    }

    /** The pods of the service whose container runs, ready ones first: read as the platform reads pods ({@link PodStates}). */
    private List<Pod> runningPods(String service) {
        List<Pod> pods = api.call("listing the pods of " + service, () -> api.client().pods().inNamespace(api.namespace())
                .withLabel(KubernetesPlatform.NAME_LABEL, service).list().getItems());
        return pods.stream()
                .map(pod -> Map.entry(pod, PodStates.of(service, pod)))
                .filter(candidate -> !candidate.getValue().deleting() && PodState.RUNNING.equals(candidate.getValue().container()))
                .sorted(Comparator.comparing((Map.Entry<Pod, PodState> candidate) -> !candidate.getValue().ready())
                        .thenComparing(candidate -> candidate.getValue().pod()))
                .map(Map.Entry::getKey)
                .toList();
    }

    private int containerPort(Pod pod, String portName) {
        return pod.getSpec().getContainers().stream()
                .flatMap(container -> Objects.requireNonNullElse(container.getPorts(), List.<ContainerPort>of()).stream())
                .filter(port -> portName.equals(port.getName()))
                .map(ContainerPort::getContainerPort)
                .findFirst()
                .orElseThrow(() -> new CloudscaleException.Unreachable("pod " + pod.getMetadata().getName() + " has no port named " + portName
                        + " to port-forward to", "the stack's manifests name it (stack/kubernetes)", null));
    }

    @Override
    public synchronized void close() {
        open.values().forEach(ClusterForwards::closeQuietly);
        open.clear();
    }

    private static void closeQuietly(Forward forward) {
        try {
            forward.local().close();
        } catch (IOException e) {
            // the forward's listening socket is this process's own; the process ends soon either way
        }
    }
}
