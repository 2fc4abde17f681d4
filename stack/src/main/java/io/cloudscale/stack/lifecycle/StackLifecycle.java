package io.cloudscale.stack.lifecycle;

import io.cloudscale.probes.signals.ServiceState;
import io.cloudscale.probes.docker.DockerHost;
import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.Poll;
import io.cloudscale.core.action.Interrupted;
import io.cloudscale.core.action.Journal;
import io.cloudscale.probes.docker.ContainerLogs;
import io.cloudscale.probes.docker.DockerEngine;
import io.cloudscale.probes.docker.EngineSnapshot;
import io.cloudscale.probes.host.PortBindTest;
import io.cloudscale.probes.process.CommandResult;
import io.cloudscale.probes.process.CommandRunner;
import io.cloudscale.stack.compose.ComposeCli;
import io.cloudscale.stack.compose.ComposeLocator;
import io.cloudscale.stack.endpoints.StackEndpoints;
import io.cloudscale.stack.ports.PortService;
import io.cloudscale.stack.ports.StackPortMap;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Brings the stack up and down the way an operator wants it: preflight before anything starts, health-aware
 * waiting with a failure caught as it happens (logs, exit code, endpoint cleaned), and a teardown that is
 * verified, not assumed.
 */
public final class StackLifecycle implements AutoCloseable {

    static final int LOG_LINES_ON_FAILURE = 20;
    private static final Duration HOST_PORT_KNOCK_INTERVAL = Duration.ofMillis(250);
    private static final Duration HOST_PORT_KNOCK_DEADLINE = Duration.ofSeconds(10);
    /** compose config, asked only after compose up failed, to tell a missing image from other failures. */
    private static final Duration MISSING_IMAGES_TIMEOUT = Duration.ofSeconds(20);

    private final DockerEngine engine;
    private final DockerHost dockerHost;
    private final String project;
    private final Path stackDir;
    private final Map<String, String> environment;
    private final Journal journal;
    private final Clock clock;
    private final CommandRunner runner = new CommandRunner();

    public StackLifecycle(DockerHost dockerHost, String project, Path stackDir, Map<String, String> environment, Journal journal, Clock clock) {
        this.engine = DockerEngine.connect(dockerHost);
        this.dockerHost = dockerHost;
        this.project = project;
        this.stackDir = stackDir;
        this.environment = Map.copyOf(environment);
        this.journal = journal;
        this.clock = clock;
    }

    public DockerEngine engine() {
        return engine;
    }

    /** Repairs a killed `up` or `ports fix` left open in the journal; `up` resolves them once its preflight finds every port free. */
    public List<Interrupted> interrupted() {
        return journal.interrupted();
    }

    public ProjectView view() {
        return new ProjectView(engine, project, clock);
    }

    /** The project's services, or exit 3 when none runs: what `status` and `watch` need before they can look. */
    public Map<String, ServiceState> runningServices() {
        Map<String, ServiceState> services = view().services();
        if (services.isEmpty()) {
            throw new CloudscaleException.Unreachable("the stack " + project + " is not running", "start it: cloudscale up", null);
        }
        return services;
    }

    /**
     * `status`: the running services and one reading of the pipeline, with the gateway's ingest rate over the
     * seconds before it from its access log. Only when the log cannot tell does it take a second reading a
     * second after the first. Exit 3 (unreachable) when the stack does not run.
     */
    public StackStatus status() throws InterruptedException {
        StackEndpoints endpoints = StackEndpoints.load(stackDir, environment);
        String statusPath = endpoints.gatewayStatus().getPath();
        // read at the ports the settings name while the engine is asked; read again only if the stack publishes others
        PipelineReadings configured = PipelineReadings.at(Integer.toString(endpoints.gatewayStatus().getPort()),
                Integer.toString(endpoints.dashboardSummary().getPort()), statusPath, clock);
        CompletableFuture<PipelineReadings.Reading> early = CompletableFuture.supplyAsync(configured::read, Thread::startVirtualThread);
        Map<String, ServiceState> states = runningServices();
        Optional<StackProfile> profile = view().runningProfile();
        PipelineReadings readings = PipelineReadings.of(states, statusPath, clock);
        PipelineReadings.Reading reading = readings.sameEndpoints(configured) ? early.join() : readings.read();
        Double ingest = null;
        ServiceState gateway = states.get(StackEndpoints.GATEWAY);
        if (reading.gatewayRequests() != null && gateway != null) {
            Optional<Double> fromLog;
            try {
                fromLog = new RecentIngest(engine, statusPath).perSecond(gateway.containerId(), reading.at());
            } catch (RuntimeException e) {
                fromLog = Optional.empty(); // the engine would not give the log: the counter can still tell
            }
            ingest = fromLog.isPresent() ? fromLog.get() : readings.ingestAfter(reading).orElse(null);
        }
        return StackStatus.of(project, profile.orElse(null), states, reading, ingest, clock.instant());
    }

    /** Readings through the ports these services publish, at the gateway status path the stack's settings name. */
    public PipelineReadings pipelineReadings(Map<String, ServiceState> services) {
        String statusPath = StackEndpoints.load(stackDir, environment).gatewayStatus().getPath();
        return PipelineReadings.of(services, statusPath, clock);
    }

    ComposeProject compose(StackProfile profile) {
        ComposeCli cli = new ComposeLocator(runner, journal.file().resolveSibling(ComposeLocator.CACHE_FILE)).locate().orElseThrow(() -> new CloudscaleException.Unreachable(
                "no Docker Compose found (neither `docker compose` nor `docker-compose`)",
                "install the compose plugin, or Debian's docker-compose", null));
        return new ComposeProject(cli, project, profile.composeFile(stackDir), runner, environment);
    }

    /** The profile to act on: the one asked for, else the one the running project was started with, else the default. */
    public StackProfile profile(StackProfile asked) {
        if (asked != null) {
            return asked;
        }
        return view().runningProfile().orElse(StackProfile.AZURE_EMULATORS);
    }

    /** The services the profile's compose file defines. */
    public List<String> services(StackProfile profile) {
        return compose(profile).services();
    }

    public List<Integer> hostPorts(StackProfile profile) {
        return portMap(profile).hostPorts();
    }

    /** Every port the profile publishes on the host, with the service and setting behind it. */
    public StackPortMap portMap(StackProfile profile) {
        return StackPortMap.load(stackDir, List.of(profile.composeFile(stackDir)), environment);
    }

    public UpResult up(StackProfile profile, Duration timeout, StartupListener listener) throws InterruptedException {
        long started = System.nanoTime();
        ComposeProject compose = compose(profile);
        List<String> expected = compose.services();

        List<Integer> ports = hostPorts(profile);
        try (PortService portService = new PortService(dockerHost, project, stackDir, environment, journal, clock)) {
            List<Interrupted> unfinished = portService.interrupted();
            PortService.Preflight preflight = portService.preflight(ports);
            if (!preflight.clear()) {
                // left open for `ports fix`, which the result points to and which completes it
                return new UpResult(project, profile.id(), false, preflight.blocking(), preflight.fixCommand(), List.of(), Map.of(),
                        since(started), null, List.of());
            }
            portService.settled(unfinished, "up");
        }

        CompletableFuture<CommandResult> composeUp = CompletableFuture.supplyAsync(
                () -> compose.run(timeout.plus(StartupWatch.COMPOSE_OVERRUN), "up", "-d", "--remove-orphans"), Thread::startVirtualThread);
        List<ServiceProgress> progress = new StartupWatch(view(), Duration.ofMillis(500))
                .await(expected, timeout, composeUp::isDone, listener::update);
        CommandResult composeResult = composeUp.isDone() ? composeUp.join() : null;

        boolean composeFailed = composeResult != null && !composeResult.succeeded();
        Map<String, String> missingImages = composeFailed ? missingImages(compose) : Map.of();
        List<UpResult.ServiceOutcome> outcomes = new ArrayList<>();
        EndpointCleanup cleanup = new EndpointCleanup(engine, project, journal);
        for (ServiceProgress service : progress) {
            if (service.phase() == ServiceProgress.Phase.HEALTHY) {
                String unreachable = unreachableHostPort(service.state());
                outcomes.add(unreachable == null
                        ? new UpResult.ServiceOutcome(service.service(), "healthy", service.elapsed(), service.detail(), null, List.of(), List.of())
                        : new UpResult.ServiceOutcome(service.service(), "failed", service.elapsed(), unreachable, null, List.of(), List.of()));
                continue;
            }
            ServiceState state = service.state();
            if (state == null && missingImages.containsKey(service.service())) {
                outcomes.add(new UpResult.ServiceOutcome(service.service(), "failed", service.elapsed(),
                        "never created: its image " + missingImages.get(service.service()) + " is not on this engine", null, List.of(), List.of()));
                continue;
            }
            List<String> logs = state == null ? List.of() : lastLogs(state.containerId());
            List<String> cleaned = state == null ? List.of() : cleanup.afterFailure(state);
            outcomes.add(new UpResult.ServiceOutcome(service.service(), "failed", service.elapsed(), service.detail(),
                    state == null ? null : state.reportedExitCode(), logs, cleaned));
        }
        String composeError = composeFailed
                ? composeError(composeResult) : null;
        return new UpResult(project, profile.id(), true, List.of(), null, outcomes, endpoints(profile), since(started), composeError,
                List.copyOf(new java.util.LinkedHashSet<>(missingImages.values())));
    }

    /** The profile's services whose image the engine does not have, with that image. */
    private Map<String, String> missingImages(ComposeProject compose) {
        Map<String, String> missing = new java.util.LinkedHashMap<>();
        compose.images(MISSING_IMAGES_TIMEOUT).forEach((service, image) -> {
            if (!engine.imageExists(image)) {
                missing.put(service, image);
            }
        });
        return missing;
    }

    /**
     * Re-creates one service with {@code settings} over the stack's own (or with none: back to the stack's own),
     * leaving its dependencies as they are. Returns once the new container has settled, as `up` watches one:
     * healthy, or failed (exited, restarting, unhealthy), or still starting when {@code timeout} ran out. Until
     * then the change is not in place, and what the stack shows says nothing about it yet.
     */
    public ServiceProgress recreate(StackProfile profile, String service, Map<String, String> settings, Duration timeout)
            throws InterruptedException {
        CommandResult result = compose(profile).withSettings(settings)
                .run(timeout, "up", "-d", "--no-deps", "--force-recreate", service);
        if (!result.succeeded()) {
            throw new CloudscaleException.ProblemFound("compose could not re-create " + service + ": "
                    + composeError(result), "cloudscale logs " + service);
        }
        return new StartupWatch(view(), Duration.ofMillis(500)).await(List.of(service), timeout, () -> true, progress -> { }).getFirst();
    }

    /** Where an operator (or a script) reaches the running platform, from what the containers really publish. */
    public Map<String, String> endpoints(StackProfile profile) {
        Map<String, String> endpoints = new LinkedHashMap<>();
        Map<String, ServiceState> services = view().services();
        PipelineReadings.hostPort(services.get("gateway"), 8080).ifPresent(port -> endpoints.put("gateway", "http://localhost:" + port + "/api/events"));
        PipelineReadings.hostPort(services.get("dashboard"), 8080).ifPresent(port -> endpoints.put("dashboard", "http://localhost:" + port + "/"));
        PipelineReadings.hostPort(services.get("cosmos"), 8081).ifPresent(port -> endpoints.put("cosmos", "https://localhost:" + port + "/"));
        if (profile == StackProfile.OFFLINE) {
            PipelineReadings.hostPort(services.get("rabbitmq"), 5672).ifPresent(port -> endpoints.put("queue", "amqp://localhost:" + port + " (queue events, dead letters events.dlq)"));
        } else {
            PipelineReadings.hostPort(services.get("servicebus"), 5672).ifPresent(port -> endpoints.put("queue", "amqp://localhost:" + port + " (Service Bus emulator, queue events)"));
        }
        return endpoints;
    }

    public DownResult down(StackProfile profile, boolean volumes, Duration timeout) {
        long started = System.nanoTime();
        ComposeProject compose = compose(profile);
        List<String> arguments = new ArrayList<>(List.of("down", "--remove-orphans", "-t", Long.toString(timeout.toSeconds())));
        if (volumes) {
            arguments.add("-v");
        }
        CommandResult result = compose.run(timeout.plusSeconds(60), arguments.toArray(String[]::new));
        Duration took = since(started);
        String error = result.succeeded() ? null : composeError(result);

        List<String> leftovers = new ArrayList<>();
        engine.projectContainers(project).forEach(container -> leftovers.add("container " + container.name() + " (" + container.state() + ")"));
        engine.projectNetworks(project).forEach(network -> leftovers.add("network " + network.name()));
        EngineSnapshot.capture(engine).staleEndpoints().stream().filter(stale -> project.equals(stale.project()))
                .forEach(stale -> leftovers.add("endpoint " + stale.name() + " in " + stale.networkName()));
        List<String> busy = new ArrayList<>();
        PortBindTest bind = new PortBindTest();
        for (int port : hostPorts(profile)) {
            bind.whyUnavailable(port).ifPresent(why -> busy.add(port + ": " + why));
        }
        return new DownResult(project, profile.id(), took, leftovers, busy, error);
    }

    /**
     * After the healthcheck (which runs inside the container), the operator's path: each published port
     * must accept a TCP connection from the host. Null when all do.
     */
    static String unreachableHostPort(ServiceState state) {
        for (String port : state.ports()) {
            int hostPort;
            try {
                hostPort = Integer.parseInt(port.substring(0, port.indexOf("->")));
            } catch (NumberFormatException e) {
                continue; // a range: nothing single to knock on
            }
            String refused;
            try {
                refused = Poll.until(() -> refusal(hostPort), java.util.Objects::isNull, HOST_PORT_KNOCK_INTERVAL, HOST_PORT_KNOCK_DEADLINE).last();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return "interrupted while checking host port " + hostPort;
            }
            if (refused != null) {
                return "healthy inside, but host port " + hostPort + " refuses connections: " + refused;
            }
        }
        return null;
    }

    /** Why the host port does not accept a connection; null when it does. */
    private static String refusal(int hostPort) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", hostPort), 2000);
            return null;
        } catch (java.io.IOException e) {
            return String.valueOf(e.getMessage());
        }
    }

    private List<String> lastLogs(String containerId) throws InterruptedException {
        List<String> lines = new ArrayList<>();
        new ContainerLogs(engine).read(containerId, Instant.EPOCH, LOG_LINES_ON_FAILURE, Duration.ofSeconds(5), lines::add);
        return lines;
    }

    /**
     * What compose said went wrong, in one line. Compose v1 ends with a summary ("Encountered errors while
     * bringing up the project.") after the engine's own words for each service ("ERROR: for gateway  Cannot start
     * service gateway: ..."): the last of those, then. Compose v2 ends with the engine's words already.
     */
    private static String composeError(CommandResult result) {
        return composeError(result.stderr().isBlank() ? result.stdout() : result.stderr());
    }

    static String composeError(String output) {
        List<String> lines = output.strip().lines().filter(line -> !line.isBlank()).toList();
        if (lines.isEmpty()) {
            return "compose failed";
        }
        for (String line : lines.reversed()) {
            if (line.startsWith("ERROR: for ")) {
                return line.substring("ERROR: for ".length()).replaceFirst("^(\\S+)\\s+", "$1: ");
            }
        }
        return lines.getLast();
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** Progress during `up`: one call per poll with every service's standing. */
    public interface StartupListener {
        void update(List<ServiceProgress> services);
    }

    @Override
    public void close() {
        engine.close();
    }
}
