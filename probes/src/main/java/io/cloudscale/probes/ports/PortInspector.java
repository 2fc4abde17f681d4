package io.cloudscale.probes.ports;

import io.cloudscale.probes.docker.AllocatorProbe;
import io.cloudscale.probes.docker.ContainerView;
import io.cloudscale.probes.docker.DockerEngine;
import io.cloudscale.probes.docker.EngineSnapshot;
import io.cloudscale.probes.docker.StaleEndpointView;
import io.cloudscale.probes.host.HostListener;
import io.cloudscale.probes.host.HostListeners;
import io.cloudscale.probes.host.PortBindTest;
import io.cloudscale.probes.host.ProcessInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Names every holder of a host port, from both sides: the host (a bind attempt, /proc sockets and
 * their processes) and the engine (published bindings in any container state, stale endpoints,
 * and, when nothing visible explains a refusal, the engine's own allocator).
 *
 * @param engine null when none answers; {@code engineError} then says why
 */
public record PortInspector(HostListeners hostListeners, PortBindTest bindTest, DockerEngine engine, String engineError, String project) {

    /** @param askEngine also ask the engine to publish ports that look free (finds leaked claims with no socket) */
    public PortReport inspect(List<Integer> ports, boolean askEngine) {
        // the engine's side and the host's are independent: both at once
        CompletableFuture<EngineSnapshot> engineSide = engine == null ? CompletableFuture.completedFuture(new EngineSnapshot(List.of(), List.of()))
                : CompletableFuture.supplyAsync(() -> EngineSnapshot.capture(engine), Thread::startVirtualThread);
        Map<Integer, Optional<String>> bindErrors = new HashMap<>();
        ports.forEach(port -> bindErrors.put(port, bindTest.whyUnavailable(port)));
        Map<Integer, List<HostListener>> listeners = hostListeners.listeningOn(ports);
        EngineSnapshot snapshot;
        try {
            snapshot = engineSide.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
        List<PortFinding> findings = new ArrayList<>();
        for (int port : ports) {
            findings.add(inspect(port, snapshot, askEngine, bindErrors.get(port), listeners.get(port)));
        }
        return new PortReport(project, engine != null, engineError, findings);
    }

    private PortFinding inspect(int port, EngineSnapshot snapshot, boolean askEngine, Optional<String> bindError, List<HostListener> listeners) {
        List<PortHolder> holders = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (engine == null) {
            notes.add("containers not checked: " + engineError);
        }
        snapshot.publishing(port).stream()
                .sorted(java.util.Comparator.comparing(container -> !container.holdsClaims()))
                .forEach(container -> holders.add(containerHolder(container, port)));
        for (HostListener listener : listeners) {
            holders.add(processHolder(listener, snapshot));
        }
        boolean activeContainer = holders.stream().anyMatch(holder -> holder instanceof PortHolder.Container c && c.active());
        boolean visibleHolder = activeContainer || holders.stream().anyMatch(holder -> !(holder instanceof PortHolder.Container));
        boolean refused = false;
        if (engine != null && !activeContainer && (bindError.isPresent() || askEngine)) {
            AllocatorProbe.Answer answer = new AllocatorProbe(engine).canPublish(port);
            switch (answer.outcome()) {
                case REFUSED -> {
                    refused = true;
                    if (!visibleHolder) {
                        holders.add(new PortHolder.AllocatorClaim("engine refused to publish it on a throw-away container: " + answer.detail()));
                        snapshot.staleEndpoints().forEach(stale -> holders.add(staleHolder(stale)));
                    }
                }
                case UNKNOWN -> notes.add("engine allocator not asked: " + answer.detail());
                case ACCEPTED -> notes.add(answer.detail());
            }
        }
        PortFinding.State state;
        if (bindError.isEmpty() && !activeContainer && !refused) {
            state = PortFinding.State.FREE;
        } else if (onlyThisStack(holders, snapshot)) {
            state = PortFinding.State.IN_USE_BY_STACK;
        } else {
            state = PortFinding.State.HELD;
        }
        return new PortFinding(port, state, bindError.orElse(null), holders, notes);
    }

    private boolean onlyThisStack(List<PortHolder> holders, EngineSnapshot snapshot) {
        boolean sawOwn = false;
        for (PortHolder holder : holders) {
            switch (holder) {
                case PortHolder.Container container when container.active() -> {
                    if (!project.equals(container.project()) || !"running".equals(container.state())) {
                        return false;
                    }
                    sawOwn = true;
                }
                case PortHolder.Container latent -> { }
                case PortHolder.DockerProxy proxy -> {
                    if (proxy.container() == null) {
                        return false;
                    }
                }
                case PortHolder.EngineSocket engineSocket -> { }
                default -> {
                    return false;
                }
            }
        }
        return sawOwn;
    }

    private static PortHolder.Container containerHolder(ContainerView container, int port) {
        ContainerView.Binding binding = container.bindings().stream().filter(b -> b.hostPort() == port).findFirst().orElseThrow();
        String hostIp = binding.hostIp().isEmpty() ? "0.0.0.0" : binding.hostIp();
        String evidence = "docker inspect %s: HostConfig.PortBindings %s -> %s:%d, State.Status %s, RestartCount %d".formatted(
                container.name(), binding.containerPort(), hostIp, port, container.state(), container.restartCount());
        return new PortHolder.Container(container.id(), container.name(), container.state(), container.project(), container.service(),
                container.holdsClaims(), hostIp, binding.containerPort(), container.restartCount(), evidence);
    }

    private static PortHolder processHolder(HostListener listener, EngineSnapshot snapshot) {
        String endpoint = listener.socket().endpoint();
        String socketEvidence = "/proc/net/tcp%s: %s LISTEN, inode %d, uid %d".formatted(
                listener.socket().localAddress() instanceof java.net.Inet6Address ? "6" : "", endpoint,
                listener.socket().inode(), listener.socket().uid());
        if (listener.owner().isEmpty()) {
            return new PortHolder.HostProcess(null, "uid " + listener.socket().uid(), null, endpoint, socketEvidence);
        }
        ProcessInfo owner = listener.owner().get();
        String evidence = socketEvidence + "; /proc/" + owner.pid() + "/cmdline: " + owner.commandLine();
        return switch (owner.program()) {
            case "docker-proxy" -> {
                String containerIp = owner.flagValue("-container-ip").orElse("?");
                String container = snapshot.withAddress(containerIp).map(ContainerView::name).orElse(null);
                yield new PortHolder.DockerProxy(owner.pid(), endpoint, containerIp, owner.flagValue("-container-port").orElse("?"),
                        container, evidence);
            }
            case "dockerd" -> new PortHolder.EngineSocket(owner.pid(), endpoint, evidence);
            default -> new PortHolder.HostProcess(owner.pid(), owner.user(), owner.commandLine(), endpoint, evidence);
        };
    }

    private static PortHolder staleHolder(StaleEndpointView stale) {
        return new PortHolder.StaleEndpoint(stale.networkName(), stale.networkId(), stale.name(), stale.key(), stale.project(),
                "docker network inspect %s: Containers[%s] names %s, which no longer exists".formatted(stale.networkName(), stale.key(), stale.name()));
    }
}
