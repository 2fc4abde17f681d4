package io.cloudscale.stack.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.config.Target;
import io.cloudscale.probes.kubernetes.ClusterForwards;
import io.cloudscale.probes.kubernetes.KubernetesApi;
import io.cloudscale.probes.kubernetes.KubernetesPlatform;
import io.cloudscale.probes.kubernetes.PodState;
import io.cloudscale.probes.signals.ServiceLog;
import io.cloudscale.probes.signals.StackState;
import io.cloudscale.stack.lifecycle.DownResult;
import io.cloudscale.stack.lifecycle.ServiceProgress;
import io.cloudscale.stack.lifecycle.StackLifecycle;
import io.cloudscale.stack.lifecycle.UpResult;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stack on the kubernetes target: up server-side applies an overlay into the namespace and watches each
 * Deployment roll out, with a failing pod reported at once (its waiting reason, how its last run ended, its last
 * log lines); down deletes what carries the stack's label and checks that nothing of it is left. Results are
 * compose's {@link UpResult} and {@link DownResult}, so up and down read the same on either target; their
 * {@code project} is the namespace.
 */
public final class KubernetesStack implements AutoCloseable {

    /** As compose's up shows of a service that failed to start. */
    static final int LOG_LINES_ON_FAILURE = 20;
    private static final Duration LOOK_AGAIN = Duration.ofSeconds(1);

    private final KubernetesApi api;
    private final KubernetesPlatform platform;
    private final Path stackDir;
    private final Clock clock;

    private KubernetesStack(KubernetesApi api, Path stackDir, Clock clock) {
        this.api = api;
        this.platform = KubernetesPlatform.reading(api, clock);
        this.stackDir = stackDir;
        this.clock = clock;
    }

    /** The target's cluster, each call to its API server within {@code callDeadline}. */
    public static KubernetesStack connect(Target.Kubernetes target, Path stackDir, Duration callDeadline, Clock clock) {
        return new KubernetesStack(KubernetesApi.connect(target.context(), target.namespace(), callDeadline), stackDir, clock);
    }

    static KubernetesStack using(KubernetesApi api, Path stackDir, Clock clock) {
        return new KubernetesStack(api, stackDir, clock);
    }

    public String describe() {
        return api.describe();
    }

    /** The stack's services as the API server has their pods now. */
    public StackState services() {
        return platform.services();
    }

    /** The services' own ports, forwarded here on demand through the same API server; closed with the stack. */
    public ClusterForwards forwards() {
        return platform.forwards();
    }

    /**
     * What keeps the stack from being rolled out now, one line each: a Deployment of the stack whose rollout is not
     * complete (as kubectl's rollout status), or a pod of it that is not ready. Empty: every Deployment rolled out and
     * every pod ready; no Deployment of the stack at all is a line too.
     */
    public List<String> notRolledOut() {
        List<Deployment> deployments = api.call("reading the stack's Deployments in namespace " + api.namespace(),
                () -> api.client().apps().deployments().inNamespace(api.namespace())
                        .withLabel(StackObjects.PART_OF_LABEL, StackObjects.PART_OF).list().getItems());
        if (deployments.isEmpty()) {
            return List.of("no Deployment of the stack in " + api.describe());
        }
        List<PodState> pods = platform.pods();
        List<String> waiting = new ArrayList<>();
        for (Deployment deployment : deployments) {
            String name = deployment.getMetadata().getName();
            if (!RolloutWatch.complete(deployment)) {
                waiting.add(name + ": rollout not complete, " + RolloutWatch.standing(deployment));
                continue;
            }
            String service = RolloutWatch.service(deployment);
            pods.stream().filter(pod -> pod.service().equals(service) && !pod.deleting() && !pod.ready())
                    .forEach(pod -> waiting.add(name + ": " + RolloutWatch.describe(pod)));
        }
        return waiting;
    }

    /** Restart, stop and start, a changed setting, a crash: on this stack's services, through the same API server. */
    public KubernetesActions actions() {
        return new KubernetesActions(api, platform, clock);
    }

    /**
     * Applies the overlay and waits for every Deployment's rollout within {@code timeout}.
     *
     * @param forceConflicts take over fields another field manager owns (kubectl's --force-conflicts); without it such a field stops up
     */
    public UpResult up(KubernetesOverlay overlay, Duration timeout, boolean forceConflicts, StackLifecycle.StartupListener listener)
            throws InterruptedException {
        long started = System.nanoTime();
        List<ObjectNode> objects = Kustomization.render(overlay.folder(stackDir));
        List<String> deployments = objects.stream().filter(object -> "Deployment".equals(object.path("kind").asText()))
                .map(object -> object.path("metadata").path("name").asText()).toList();
        if (deployments.isEmpty()) {
            throw new CloudscaleException.Usage("overlay " + overlay.folder(stackDir) + " has no Deployment to roll out", null);
        }
        new ManifestApply(api).apply(objects, forceConflicts);
        List<RolloutWatch.Rollout> rollouts = new RolloutWatch(api, platform, LOOK_AGAIN).await(deployments, timeout, listener::update);
        List<UpResult.ServiceOutcome> outcomes = new ArrayList<>();
        for (RolloutWatch.Rollout rollout : rollouts) {
            ServiceProgress progress = rollout.progress();
            if (progress.phase() == ServiceProgress.Phase.HEALTHY) {
                outcomes.add(new UpResult.ServiceOutcome(progress.service(), "healthy", progress.elapsed(), progress.detail(), null, List.of(), List.of()));
                continue;
            }
            PodState pod = rollout.failingPod();
            outcomes.add(new UpResult.ServiceOutcome(progress.service(), "failed", progress.elapsed(), progress.detail(),
                    pod == null ? null : pod.endExitCode(), pod == null ? List.of() : lastLogs(pod), List.of()));
        }
        return new UpResult(api.namespace(), overlay.id(), true, List.of(), null, outcomes, endpoints(objects),
                Duration.ofNanos(System.nanoTime() - started), null, List.of());
    }

    /** The failed pod's last lines: its previous run's when it restarted (the crash), then its current run's. */
    private List<String> lastLogs(PodState pod) {
        ServiceLog log;
        try {
            log = platform.podLog(pod, pod.created() == null ? Instant.EPOCH : pod.created(), LOG_LINES_ON_FAILURE);
        } catch (CloudscaleException.Unreachable unreadable) {
            return List.of("(its log could not be read: " + unreadable.getMessage() + ")");
        }
        List<String> lines = new ArrayList<>(log.previousRun());
        lines.addAll(log.currentRun());
        return lines.size() <= LOG_LINES_ON_FAILURE ? lines : lines.subList(lines.size() - LOG_LINES_ON_FAILURE, lines.size());
    }

    /** Where the gateway and the dashboard answer inside the cluster, from the Services the overlay defines. */
    private Map<String, String> endpoints(List<ObjectNode> objects) {
        Map<String, String> endpoints = new LinkedHashMap<>();
        for (ObjectNode object : objects) {
            String name = object.path("metadata").path("name").asText();
            if (!"Service".equals(object.path("kind").asText()) || !(name.equals("gateway") || name.equals("dashboard"))) {
                continue;
            }
            JsonNode port = object.path("spec").path("ports").path(0).path("port");
            String address = "http://" + name + "." + api.namespace() + ".svc:" + port.asInt() + (name.equals("gateway") ? "/api/events" : "/");
            endpoints.put(name, address + " (in the cluster; from here: kubectl -n " + api.namespace() + " port-forward svc/" + name + " " + port.asInt() + ")");
        }
        return endpoints;
    }

    /** Deletes the stack's objects, each pod with {@code gracePeriod} to stop, and says what is left once the wait is over. */
    public DownResult down(Duration gracePeriod) throws InterruptedException {
        long started = System.nanoTime();
        List<String> left = new StackTeardown(api, StackTeardown.SETTLING).delete(gracePeriod);
        return new DownResult(api.namespace(), null, Duration.ofNanos(System.nanoTime() - started), left, List.of(), null);
    }

    @Override
    public void close() {
        platform.close();
    }
}
