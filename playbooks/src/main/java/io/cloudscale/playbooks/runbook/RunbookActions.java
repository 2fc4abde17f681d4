package io.cloudscale.playbooks.runbook;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.config.Target;
import io.cloudscale.playbooks.StackSession;
import io.cloudscale.probes.signals.ServiceState;
import io.cloudscale.stack.kubernetes.KubernetesStack;
import io.cloudscale.stack.lifecycle.ServiceProgress;
import io.cloudscale.stack.lifecycle.StackLifecycle;
import io.cloudscale.stack.ports.PortService;
import io.cloudscale.stack.ports.RepairPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The fix actions a runbook may name. Each can say what it would do (a runbook's --dry-run shows exactly
 * that) and does it through the same services the commands use, journalling as they do.
 */
public final class RunbookActions {

    /** One registered action: its arguments, its plan, its application. */
    public interface RunbookAction {
        String name();

        String description();

        Set<String> arguments();

        /** What applying would do, one line per change; nothing is changed. */
        List<String> plan(Map<String, Object> arguments) throws Exception;

        /** Does it and says what happened; throws when it could not. */
        String apply(Map<String, Object> arguments) throws Exception;
    }

    private final Map<String, RunbookAction> actions = new TreeMap<>();

    public RunbookActions(StackSession environment) {
        register(new PortsFix(environment));
        register(new RestartService(environment));
    }

    /** The names alone, for validating a runbook without an engine. */
    public static Set<String> names() {
        return Set.of(PortsFix.NAME, RestartService.NAME);
    }

    private void register(RunbookAction action) {
        actions.put(action.name(), action);
    }

    public RunbookAction get(String name) {
        RunbookAction action = actions.get(name);
        if (action == null) {
            throw new CloudscaleException.Usage("no action named '" + name + "'", "known: " + String.join(", ", actions.keySet()));
        }
        return action;
    }

    public List<RunbookAction> all() {
        return List.copyOf(actions.values());
    }

    static List<Integer> ports(Object value) {
        List<Integer> ports = new ArrayList<>();
        if (value == null) {
            return ports;
        }
        List<?> items = value instanceof List<?> list ? list : List.of(String.valueOf(value).split("[,\\s]+"));
        for (Object item : items) {
            String text = String.valueOf(item).strip();
            if (text.isEmpty()) {
                continue;
            }
            try {
                ports.add(Integer.parseInt(text));
            } catch (NumberFormatException e) {
                throw new CloudscaleException.Usage("'" + text + "' is not a port", null);
            }
        }
        return ports;
    }

    /**
     * ports fix: the least destructive repair of the held ports, as `cloudscale ports fix` plans and applies it. This
     * machine's host ports are the compose stack's alone: on the kubernetes target it refuses rather than change them.
     */
    private record PortsFix(StackSession env) implements RunbookAction {
        static final String NAME = "ports-fix";

        public String name() {
            return NAME;
        }

        public String description() {
            return "free the stack's host ports (ports: list, default all; force: true to stop another project's container)";
        }

        public Set<String> arguments() {
            return Set.of("ports", "force");
        }

        private PortService portService() {
            if (env.target() instanceof Target.Kubernetes cluster) {
                throw new CloudscaleException.Usage("ports-fix frees this machine's host ports for the compose stack; the stack in "
                        + cluster.where() + " publishes none", "run this runbook with --target compose");
            }
            return env.ports();
        }

        public List<String> plan(Map<String, Object> arguments) throws Exception {
            try (PortService service = portService()) {
                RepairPlan plan = service.prepare(ports(arguments.get("ports")), true, force(arguments)).plan();
                List<String> lines = new ArrayList<>();
                plan.steps().forEach(step -> lines.add("%s %s: %s".formatted(step.kind(), step.target(), step.description())));
                lines.addAll(plan.notes());
                return lines.isEmpty() ? List.of("nothing to do: every port is free or held by this stack") : lines;
            }
        }

        public String apply(Map<String, Object> arguments) throws Exception {
            try (PortService service = portService()) {
                PortService.Prepared repair = service.prepare(ports(arguments.get("ports")), true, force(arguments));
                RepairPlan plan = repair.plan();
                if (plan.empty()) {
                    return "nothing to do: every port is free or held by this stack";
                }
                PortService.FixResult result = service.apply(repair, "cloudscale playbook run (ports-fix)");
                long failed = result.applied().stream().filter(step -> !step.ok()).count();
                if (failed > 0 || !result.verified()) {
                    throw new IllegalStateException("%d of %d steps applied, ports %s".formatted(result.applied().size() - failed,
                            plan.steps().size(), result.verified() ? "free" : "still held"));
                }
                return result.applied().size() + " steps applied and journalled; the ports are free";
            }
        }

        private static boolean force(Map<String, Object> arguments) {
            return "true".equals(String.valueOf(arguments.getOrDefault("force", "false")));
        }
    }

    /**
     * restart-service: on compose, restarts the service's container (compose keeps its settings), as `docker restart`
     * would; on kubernetes, restarts its Deployment's pods as `kubectl rollout restart` would, and returns once the
     * rollout is complete, or fails as soon as it fails (a pod crash-looping, a deadline the controller gave up on).
     */
    private record RestartService(StackSession env) implements RunbookAction {
        static final String NAME = "restart-service";
        /** The runbook engine ends the step at its deadline (an action's default is 5m): the rollout is not timed twice. */
        private static final Duration ROLLOUT = Duration.ofHours(1);

        public String name() {
            return NAME;
        }

        public String description() {
            return "restart one of the stack's services (service: NAME): its container on compose, its pods (rollout restart) on kubernetes";
        }

        public Set<String> arguments() {
            return Set.of("service");
        }

        private static String service(Map<String, Object> arguments) {
            Object service = arguments.get("service");
            if (service == null || String.valueOf(service).isBlank()) {
                throw new CloudscaleException.Usage("restart-service needs with: {service: NAME}", null);
            }
            return String.valueOf(service);
        }

        private static ServiceState present(Optional<ServiceState> state, String service, String stack) {
            return state.orElseThrow(() -> new CloudscaleException.ProblemFound("the stack " + stack + " has no service " + service, "cloudscale status"));
        }

        public List<String> plan(Map<String, Object> arguments) {
            String service = service(arguments);
            return switch (env.target()) {
                case Target.Compose compose -> {
                    try (StackLifecycle lifecycle = env.lifecycle()) {
                        ServiceState state = present(Optional.ofNullable(lifecycle.runningServices().get(service)), service, env.project());
                        yield List.of("restart-container %s: %s, now %s".formatted(state.container(), state.service(), state.describe()));
                    }
                }
                case Target.Kubernetes cluster -> {
                    try (KubernetesStack stack = env.kubernetesStack(cluster)) {
                        ServiceState state = present(stack.services().service(service), service, "in " + stack.describe());
                        yield List.of("rollout-restart deployment/%s in %s: now %s".formatted(service, stack.describe(), state.describe()));
                    }
                }
            };
        }

        public String apply(Map<String, Object> arguments) throws InterruptedException {
            String service = service(arguments);
            return switch (env.target()) {
                case Target.Compose compose -> {
                    try (StackLifecycle lifecycle = env.lifecycle()) {
                        ServiceState state = present(Optional.ofNullable(lifecycle.runningServices().get(service)), service, env.project());
                        lifecycle.engine().restart(state.containerId(), Duration.ofSeconds(10));
                        yield "restarted " + state.container();
                    }
                }
                case Target.Kubernetes cluster -> {
                    try (KubernetesStack stack = env.kubernetesStack(cluster)) {
                        present(stack.services().service(service), service, "in " + stack.describe());
                        ServiceProgress rollout = stack.actions().restart(service, ROLLOUT);
                        if (rollout.phase() != ServiceProgress.Phase.HEALTHY) {
                            throw new CloudscaleException.ProblemFound("the rollout restart of " + service + " did not complete: " + rollout.detail(),
                                    "cloudscale status --target kubernetes; cloudscale logs " + service);
                        }
                        yield "restarted deployment/" + service + ": " + rollout.detail();
                    }
                }
            };
        }
    }
}
