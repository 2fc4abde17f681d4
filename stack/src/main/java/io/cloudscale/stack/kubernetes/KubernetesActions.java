package io.cloudscale.stack.kubernetes;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.probes.kubernetes.KubernetesApi;
import io.cloudscale.probes.kubernetes.KubernetesPlatform;
import io.cloudscale.probes.kubernetes.PodState;
import io.cloudscale.stack.lifecycle.ServiceProgress;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * What a runbook or a drill does to one service of the stack on the kubernetes target, each the cluster's own way:
 * restart (a rollout restart, as kubectl's), stop (scale to 0, the replicas remembered on the Deployment so a later
 * run can start it again) and start, a changed setting (the Deployment's env patched and its pods replaced, the
 * template and strategy before it kept to roll back to), and a crash (one pod deleted). Only the stack's own Deployments, by their label, are touched; each
 * change that rolls out returns once the rollout settled, as up watches one.
 */
public record KubernetesActions(KubernetesApi api, KubernetesPlatform platform, Clock clock) {

    /** The pod-template annotation kubectl's rollout restart sets: a new value is a new template, so new pods. */
    static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
    /** How many replicas a stopped service had, on its Deployment: what start scales it back to, whoever runs it. */
    static final String STOPPED_REPLICAS = "cloudscale.io/stopped-replicas";
    private static final Duration LOOK_AGAIN = Duration.ofSeconds(1);

    /** Settings to change on a service, and the template and rollout strategy it had before them, to roll back to. */
    public record EnvChange(String service, Map<String, String> settings, PodTemplateSpec before, DeploymentStrategy strategyBefore) {
    }

    public ServiceProgress restart(String service, Duration timeout) throws InterruptedException {
        change(service, "restarting", deployment -> {
            PodTemplateSpec template = deployment.getSpec().getTemplate();
            if (template.getMetadata().getAnnotations() == null) {
                template.getMetadata().setAnnotations(new HashMap<>());
            }
            template.getMetadata().getAnnotations().put(RESTARTED_AT, clock.instant().toString());
            return deployment;
        });
        return settled(service, timeout);
    }

    /** Scales the service to 0; the replicas it had stay on its Deployment until {@link #start}. Stopping it again keeps the first count. */
    public ServiceProgress stop(String service, Duration timeout) throws InterruptedException {
        change(service, "stopping", deployment -> {
            Map<String, String> annotations = annotations(deployment);
            annotations.putIfAbsent(STOPPED_REPLICAS, Integer.toString(Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1)));
            deployment.getSpec().setReplicas(0);
            return deployment;
        });
        return settled(service, timeout);
    }

    /** Scales a service {@link #stop} stopped back to the replicas it had. */
    public ServiceProgress start(String service, Duration timeout) throws InterruptedException {
        String remembered = annotations(deployment(service)).get(STOPPED_REPLICAS);
        if (remembered == null) {
            throw new CloudscaleException.ProblemFound(service + " was not stopped by cloudscale: its Deployment has no " + STOPPED_REPLICAS + " annotation",
                    "kubectl -n " + api.namespace() + " scale deployment " + service + " --replicas N");
        }
        change(service, "starting", deployment -> {
            deployment.getSpec().setReplicas(Integer.parseInt(remembered));
            annotations(deployment).remove(STOPPED_REPLICAS);
            return deployment;
        });
        return settled(service, timeout);
    }

    /**
     * The change of {@code settings} on the service, not made yet: what it has now is read first, so that a change whose
     * patch or rollout fails part way can still be rolled back.
     */
    public EnvChange envChange(String service, Map<String, String> settings) {
        DeploymentSpec spec = deployment(service).getSpec();
        return new EnvChange(service, Map.copyOf(settings), spec.getTemplate(), spec.getStrategy());
    }

    /**
     * Sets the change's settings in the environment of the service's container and returns once the changed template
     * rolled out (or failed to). The strategy is Recreate until {@link #rollBack}: every pod is replaced, as compose
     * re-creates a container, where a rolling update would keep an old pod serving beside a new one that cannot start.
     */
    public ServiceProgress apply(EnvChange change, Duration timeout) throws InterruptedException {
        change(change.service(), "setting " + String.join(", ", new TreeMap<>(change.settings()).keySet()) + " on", deployment -> {
            Container container = serviceContainer(change.service(), deployment);
            List<EnvVar> env = new ArrayList<>(Objects.requireNonNullElse(container.getEnv(), List.of()));
            change.settings().forEach((name, value) -> {
                env.removeIf(variable -> variable.getName().equals(name));
                env.add(new EnvVar(name, value, null));
            });
            container.setEnv(env);
            deployment.getSpec().setStrategy(new DeploymentStrategyBuilder().withType("Recreate").build());
            return deployment;
        });
        return settled(change.service(), timeout);
    }

    /** Puts back the template and the strategy the service had before {@code change}, and returns once it rolled out. */
    public ServiceProgress rollBack(EnvChange change, Duration timeout) throws InterruptedException {
        change(change.service(), "rolling back", deployment -> {
            deployment.getSpec().setTemplate(change.before());
            deployment.getSpec().setStrategy(change.strategyBefore());
            return deployment;
        });
        return settled(change.service(), timeout);
    }

    /** Deletes one running pod of the service, as a crash would end it; its ReplicaSet starts another. The pod's name. */
    public String crash(String service) {
        deployment(service);
        PodState victim = platform.pods().stream().filter(pod -> pod.service().equals(service) && !pod.deleting())
                .min(Comparator.comparing(PodState::pod))
                .orElseThrow(() -> new CloudscaleException.ProblemFound("no pod of " + service + " to crash in " + api.describe(),
                        "is it stopped? kubectl -n " + api.namespace() + " get pods -l " + KubernetesPlatform.NAME_LABEL + "=" + service));
        api.call("deleting pod " + victim.pod(), () -> api.client().pods().inNamespace(api.namespace()).withName(victim.pod())
                .withGracePeriod(0).delete());
        return victim.pod();
    }

    /** The stack's Deployment of the service; anything else of that name is not the tool's to change. */
    private Deployment deployment(String service) {
        Deployment deployment = api.call("reading Deployment " + service,
                () -> api.client().apps().deployments().inNamespace(api.namespace()).withName(service).get());
        if (deployment == null) {
            throw new CloudscaleException.Unreachable("no Deployment " + service + " in " + api.describe(), "bring the stack up: cloudscale up --target kubernetes", null);
        }
        Map<String, String> labels = Objects.requireNonNullElse(deployment.getMetadata().getLabels(), Map.of());
        if (!StackObjects.PART_OF.equals(labels.get(StackObjects.PART_OF_LABEL))) {
            throw new CloudscaleException.ProblemFound("Deployment " + service + " in " + api.describe() + " is not the stack's (no "
                    + StackObjects.PART_OF_LABEL + "=" + StackObjects.PART_OF + " label): left alone", null);
        }
        return deployment;
    }

    private void change(String service, String doing, UnaryOperator<Deployment> edit) {
        deployment(service);
        api.call(doing + " " + service, () -> api.client().apps().deployments().inNamespace(api.namespace()).withName(service).edit(edit));
    }

    private ServiceProgress settled(String service, Duration timeout) throws InterruptedException {
        return new RolloutWatch(api, platform, LOOK_AGAIN).await(List.of(service), timeout, services -> { }).getFirst().progress();
    }

    private static Map<String, String> annotations(Deployment deployment) {
        if (deployment.getMetadata().getAnnotations() == null) {
            deployment.getMetadata().setAnnotations(new HashMap<>());
        }
        return deployment.getMetadata().getAnnotations();
    }

    private static Container serviceContainer(String service, Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        return containers.stream().filter(container -> container.getName().equals(service)).findFirst().orElse(containers.getFirst());
    }
}
