package io.cloudscale.stack.doctor;

import io.cloudscale.probes.docker.DockerHost;
import io.cloudscale.probes.docker.ListedContainer;
import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.Deadline;
import io.cloudscale.core.Failures;
import io.cloudscale.core.check.CheckReport;
import io.cloudscale.core.check.CheckResult;
import io.cloudscale.probes.docker.DockerEngine;
import io.cloudscale.probes.docker.EngineInfo;
import io.cloudscale.probes.host.PortBindTest;
import io.cloudscale.stack.compose.ComposeCli;
import io.cloudscale.stack.compose.ComposeLocator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Checks the operator's machine for what {@code cloudscale up} needs: Java, a Docker engine,
 * compose, free host ports, and disk for images. Independent checks run concurrently, each within
 * its own deadline, so one hung dependency cannot hang the whole report.
 */
public final class EnvironmentDoctor {

    /** Oldest engine API the tool supports: Docker 20.10. */
    static final ApiVersion MINIMUM_API = ApiVersion.parse("1.41");
    /** Compose v1 speaks at most this API version; newer engines refuse it. */
    static final ApiVersion COMPOSE_V1_MAX_API = ApiVersion.parse("1.41");
    static final long DISK_FAIL_BYTES = 2L << 30;
    static final long DISK_WARN_BYTES = 5L << 30;
    private static final Duration ENGINE_DEADLINE = Duration.ofSeconds(8);
    private static final Duration COMPOSE_DEADLINE = Duration.ofSeconds(12);

    private final DockerHost dockerHost;
    private final String project;
    private final List<Integer> ports;
    private final ComposeLocator composeLocator;
    private final PortBindTest portBindTest;

    public EnvironmentDoctor(DockerHost dockerHost, String project, List<Integer> ports,
                             ComposeLocator composeLocator, PortBindTest portBindTest) {
        this.dockerHost = dockerHost;
        this.project = project;
        this.ports = List.copyOf(ports);
        this.composeLocator = composeLocator;
        this.portBindTest = portBindTest;
    }

    public CheckReport examine() {
        CompletableFuture<EngineView> engine = CompletableFuture.supplyAsync(this::lookAtEngine, Thread::startVirtualThread);
        CompletableFuture<ComposeLookup> compose = CompletableFuture.supplyAsync(
                () -> Deadline.within(COMPOSE_DEADLINE, () -> new ComposeLookup(composeLocator.locate(), null),
                        failure -> new ComposeLookup(Optional.empty(), Failures.describe(failure))),
                Thread::startVirtualThread);

        List<CheckResult> results = new ArrayList<>();
        results.add(javaRuntime());
        EngineView view = engine.join();
        results.add(view.result());
        results.add(compose(compose.join(), view.info()));
        for (int port : ports) {
            results.add(hostPort(port, view.publishedByProject()));
        }
        results.add(diskSpace(view.info()));
        return new CheckReport(results);
    }

    private record ComposeLookup(Optional<ComposeCli> found, String failure) {
    }

    private record EngineView(CheckResult result, EngineInfo info, Map<Integer, String> publishedByProject) {
    }

    private EngineView lookAtEngine() {
        return Deadline.within(ENGINE_DEADLINE, () -> {
            try (DockerEngine engine = DockerEngine.connect(dockerHost)) {
                EngineInfo info = engine.info();
                return new EngineView(engineResult(info), info, servicesByPublishedPort(engine.projectContainers(project)));
            }
        }, failure -> new EngineView(CheckResult.fail("docker engine", Failures.describe(failure),
                failure instanceof CloudscaleException known ? known.hint().orElse(null) : "check DOCKER_HOST and that dockerd is running"),
                null, Map.of()));
    }

    private static CheckResult engineResult(EngineInfo info) {
        String detail = "Docker %s (API %s, %s/%s) at %s".formatted(info.version(), info.apiVersion(), info.os(), info.arch(), info.host());
        if (ApiVersion.parse(info.apiVersion()).compareTo(MINIMUM_API) < 0) {
            return CheckResult.fail("docker engine", detail, "upgrade the engine to Docker 20.10 (API " + MINIMUM_API + ") or newer");
        }
        return CheckResult.ok("docker engine", detail);
    }

    private Map<Integer, String> servicesByPublishedPort(List<ListedContainer> containers) {
        return containers.stream()
                .flatMap(container -> container.publicPorts().stream()
                        .map(port -> Map.entry(port, Objects.requireNonNullElse(container.label(DockerEngine.SERVICE_LABEL), container.id().substring(0, 12)))))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (first, second) -> first));
    }

    private static CheckResult javaRuntime() {
        Runtime.Version version = Runtime.version();
        String detail = "Java %s (%s) at %s".formatted(version, System.getProperty("java.vendor"), System.getProperty("java.home"));
        if (version.feature() < 25) {
            return CheckResult.fail("java", detail, "install a JDK 25 and set JAVA_HOME to it");
        }
        return CheckResult.ok("java", detail);
    }

    private static CheckResult compose(ComposeLookup lookup, EngineInfo engine) {
        if (lookup.failure() != null) {
            return CheckResult.unknown("compose", "could not look for compose: " + lookup.failure(), "run `docker compose version` by hand");
        }
        Optional<ComposeCli> found = lookup.found();
        if (found.isEmpty()) {
            return CheckResult.fail("compose", "neither `docker compose` (v2 plugin) nor `docker-compose` (v1) answers",
                    "install the Compose v2 plugin (Debian: docker-compose-plugin or docker-compose-v2)");
        }
        ComposeCli compose = found.get();
        String detail = "%s %s".formatted(String.join(" ", compose.baseCommand()), compose.version());
        if (compose.flavor() == ComposeCli.Flavor.V2) {
            return CheckResult.ok("compose", detail + " (v2 plugin)");
        }
        if (engine != null && engine.minApiVersion() != null
                && ApiVersion.parse(engine.minApiVersion()).compareTo(COMPOSE_V1_MAX_API) > 0) {
            return CheckResult.fail("compose", detail + " (v1) cannot talk to this engine (minimum API " + engine.minApiVersion() + ")",
                    "install the Compose v2 plugin (docker-compose-plugin)");
        }
        return CheckResult.warn("compose", detail + " (v1: end of life, no `up --wait`)",
                "works with this engine; prefer the Compose v2 plugin (docker-compose-plugin)");
    }

    private CheckResult hostPort(int port, Map<Integer, String> publishedByProject) {
        String name = "port " + port;
        Optional<String> unavailable = portBindTest.whyUnavailable(port);
        if (unavailable.isEmpty()) {
            return CheckResult.ok(name, "free");
        }
        String service = publishedByProject.get(port);
        if (service != null) {
            return CheckResult.ok(name, "published by this stack (" + project + "/" + service + ")");
        }
        return CheckResult.fail(name, "held: " + unavailable.get(),
                "name the holder: cloudscale ports check " + port + "; clear it: cloudscale ports fix " + port + " --dry-run");
    }

    private static CheckResult diskSpace(EngineInfo engine) {
        Path where = Optional.ofNullable(engine).map(EngineInfo::rootDir).map(Path::of)
                .filter(Files::isDirectory).orElse(Path.of("/"));
        try {
            long free = Files.getFileStore(where).getUsableSpace();
            String detail = "%.1f GiB free at %s".formatted(free / (double) (1L << 30), where);
            if (free < DISK_FAIL_BYTES) {
                return CheckResult.fail("disk", detail, "free at least 2 GiB for the stack's images: docker system prune, or clean " + where);
            }
            if (free < DISK_WARN_BYTES) {
                return CheckResult.warn("disk", detail, "image builds need room; consider docker image prune");
            }
            return CheckResult.ok("disk", detail);
        } catch (IOException e) {
            return CheckResult.unknown("disk", "cannot read free space at " + where + ": " + e.getMessage(), null);
        }
    }

}
