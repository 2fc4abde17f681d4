package io.cloudscale.playbooks.runbook;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.playbooks.StackSession;
import io.cloudscale.probes.signals.ServiceState;
import io.cloudscale.stack.lifecycle.StackLifecycle;
import io.cloudscale.stack.ports.PortService;
import io.cloudscale.stack.ports.RepairPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /** ports fix: the least destructive repair of the held ports, as `cloudscale ports fix` plans and applies it. */
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

        public List<String> plan(Map<String, Object> arguments) throws Exception {
            try (PortService service = env.ports()) {
                RepairPlan plan = service.prepare(ports(arguments.get("ports")), true, force(arguments)).plan();
                List<String> lines = new ArrayList<>();
                plan.steps().forEach(step -> lines.add("%s %s: %s".formatted(step.kind(), step.target(), step.description())));
                lines.addAll(plan.notes());
                return lines.isEmpty() ? List.of("nothing to do: every port is free or held by this stack") : lines;
            }
        }

        public String apply(Map<String, Object> arguments) throws Exception {
            try (PortService service = env.ports()) {
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

    /** restart-service: restarts one service's container (compose keeps its settings), as `docker restart` would. */
    private record RestartService(StackSession env) implements RunbookAction {
        static final String NAME = "restart-service";

        public String name() {
            return NAME;
        }

        public String description() {
            return "restart one of the stack's services (service: NAME)";
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

        private ServiceState state(StackLifecycle lifecycle, String service) {
            ServiceState state = lifecycle.runningServices().get(service);
            if (state == null) {
                throw new CloudscaleException.ProblemFound("the stack " + env.project() + " has no service " + service, "cloudscale status");
            }
            return state;
        }

        public List<String> plan(Map<String, Object> arguments) {
            try (StackLifecycle lifecycle = env.lifecycle()) {
                ServiceState state = state(lifecycle, service(arguments));
                return List.of("restart-container %s: %s, now %s".formatted(state.container(), state.service(), state.describe()));
            }
        }

        public String apply(Map<String, Object> arguments) {
            try (StackLifecycle lifecycle = env.lifecycle()) {
                ServiceState state = state(lifecycle, service(arguments));
                lifecycle.engine().restart(state.containerId(), Duration.ofSeconds(10));
                return "restarted " + state.container();
            }
        }
    }
}
