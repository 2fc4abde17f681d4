package io.cloudscale.probes.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.PruneType;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.SSLConfig;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.LocalHttp;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one way the tool talks to a Docker engine. No API version is pinned: the engine answers in
 * its own, so 20.10 (API 1.41) and current releases (API 1.5x, minimum 1.44) both work.
 */
public final class DockerEngine implements AutoCloseable {

    public static final String PROJECT_LABEL = "com.docker.compose.project";
    public static final String SERVICE_LABEL = "com.docker.compose.service";
    public static final String ONEOFF_LABEL = "com.docker.compose.oneoff";
    /** On every container the tool itself creates, with what it is for: a run killed before it removes one leaves it findable (label=io.cloudscale.created-by). */
    public static final String CREATED_BY_LABEL = "io.cloudscale.created-by";

    /** Whether a container with these labels is a one-off of `compose run`, not one of the project's services. */
    static boolean oneOff(Map<String, String> labels) {
        return "True".equalsIgnoreCase(labels.get(ONEOFF_LABEL));
    }

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    /** For a unix socket, where no TLS is ever spoken: the transport would otherwise build the system's default context. */
    private static final SSLConfig NO_TLS = LocalHttp::noTls;

    /** The engine's JSON, read as a tree: no deserializer is built for a class (see {@link InspectedContainer}). */
    private static final ObjectMapper TREE = new ObjectMapper();

    private final String host;
    private final DockerHttpClient http;
    private final Supplier<DockerClientConfig> config;
    private DockerClient client;

    private DockerEngine(String host, DockerHttpClient http, Supplier<DockerClientConfig> config) {
        this.host = host;
        this.http = http;
        this.config = config;
    }

    /**
     * Connects and pings. Fails fast with exit code 3 when nothing answers, without waiting out
     * timeouts for a socket file that is not even there.
     */
    public static DockerEngine connect(String dockerHost) {
        return connect(DockerHost.of(dockerHost));
    }

    /**
     * Connects and pings within the host's deadline; every later call is bounded by it too. What only reads (ping, lists,
     * inspects, info) goes straight to the engine's HTTP API; docker-java's client, whose set-up reads the docker CLI's
     * configuration and builds its object mapper, is made the first time something asks for it (an action, a followed log).
     */
    public static DockerEngine connect(DockerHost target) {
        String dockerHost = target.uri();
        URI uri = parseHost(dockerHost);
        boolean unixSocket = "unix".equals(uri.getScheme());
        if (unixSocket && !Files.exists(Path.of(uri.getPath()))) {
            throw unreachable(dockerHost, null);
        }
        Supplier<DockerClientConfig> config = () -> DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost).build();
        // a TLS engine's certificates come from the docker CLI's configuration (DOCKER_CERT_PATH): that one is read at once
        SSLConfig tls = unixSocket ? NO_TLS : config.get().getSSLConfig();
        DockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(uri)
                .sslConfig(tls)
                .connectionTimeout(CONNECT_TIMEOUT)
                .maxConnections(32)
                .build();
        DockerEngine engine = new DockerEngine(dockerHost, new DeadlineHttpClient(http, dockerHost, target.deadline()), config);
        try {
            engine.ping();
        } catch (CloudscaleException.Unreachable e) {
            engine.close();
            throw e;
        } catch (RuntimeException e) {
            engine.close();
            throw unreachable(dockerHost, e);
        }
        return engine;
    }

    private void ping() {
        try (DockerHttpClient.Response response = http.execute(get("/_ping"))) {
            if (response.getStatusCode() != 200) {
                throw new IllegalStateException("GET /_ping answered HTTP " + response.getStatusCode());
            }
        }
    }

    private static URI parseHost(String dockerHost) {
        try {
            URI uri = URI.create(dockerHost);
            if (uri.getScheme() == null) {
                throw new IllegalArgumentException("no scheme");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new CloudscaleException.Usage("docker host '" + dockerHost + "' is not a URI",
                    "use unix:///var/run/docker.sock or tcp://HOST:2375");
        }
    }

    private static CloudscaleException.Unreachable unreachable(String dockerHost, Throwable cause) {
        String hint = dockerHost.startsWith("unix://")
                ? "cloudscale setup starts one (and installs it where missing), or point DOCKER_HOST at a running engine"
                : "check that the engine listens there and that DOCKER_HOST is right";
        return CloudscaleException.Unreachable.noEngine("no Docker engine at " + dockerHost + ": is dockerd running?", hint, cause);
    }

    public String host() {
        return host;
    }

    /** docker-java's client over the same transport and deadline, made on first use. */
    public synchronized DockerClient client() {
        if (client == null) {
            client = DockerClientImpl.getInstance(config.get(), http);
        }
        return client;
    }

    public EngineInfo info() {
        JsonNode version = json("/version").orElseThrow(() -> notAnswered("/version"));
        JsonNode info = json("/info").orElseThrow(() -> notAnswered("/info"));
        return new EngineInfo(host, EngineJson.text(version, "Version"), EngineJson.text(version, "ApiVersion"), EngineJson.text(version, "MinAPIVersion"),
                EngineJson.text(version, "Os"), EngineJson.text(version, "Arch"), EngineJson.text(info, "DockerRootDir"));
    }

    /** All containers of a compose project, in any state, found by label as compose itself does. */
    public List<ListedContainer> projectContainers(String project) {
        return containers(Map.of(PROJECT_LABEL, project));
    }

    /** Every container in any state that carries all these labels (every container, when none is given). */
    public List<ListedContainer> containers(Map<String, String> labels) {
        return list(withLabels("/containers/json?all=true", labels), ListedContainer::from);
    }

    /** Inspects these containers at once (see {@link #eachAtOnce}); a container removed since it was listed is left out. */
    public List<InspectedContainer> inspectAll(List<String> containerIds) {
        return eachAtOnce(containerIds, this::inspect);
    }

    /** One container, or empty when it is gone. */
    public Optional<InspectedContainer> inspect(String containerId) {
        return json("/containers/" + encode(containerId) + "/json").map(InspectedContainer::from);
    }

    /** Every network, as the list shows them (without their endpoints). */
    public List<NetworkView> networks() {
        return networks(Map.of());
    }

    /** The networks of a compose project, found by label as compose itself does. */
    public List<NetworkView> projectNetworks(String project) {
        return networks(Map.of(PROJECT_LABEL, project));
    }

    private List<NetworkView> networks(Map<String, String> labels) {
        return list(withLabels("/networks", labels), NetworkView::from);
    }

    /** One of the engine's lists, each entry read as {@code view} reads it. */
    private <T> List<T> list(String path, Function<JsonNode, T> view) {
        List<T> entries = new ArrayList<>();
        json(path).orElseThrow(() -> notAnswered(path)).forEach(entry -> entries.add(view.apply(entry)));
        return entries;
    }

    /** Inspects these networks at once, with their endpoints; a network removed since it was listed is left out. */
    public List<NetworkView> inspectNetworks(List<String> networkIds) {
        return eachAtOnce(networkIds, id -> json("/networks/" + encode(id)).map(NetworkView::from));
    }

    /**
     * One engine call per item, all at once on virtual threads: a host with dozens of containers is read in about one
     * round trip's time, not dozens. The results keep the items' order; the first call's failure is thrown.
     */
    private static <T, R> List<R> eachAtOnce(List<T> items, Function<T, Optional<R>> call) {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Optional<R>>> futures = items.stream().map(item -> threads.submit(() -> call.apply(item))).toList();
            List<R> results = new ArrayList<>();
            for (Future<Optional<R>> future : futures) {
                future.get().ifPresent(results::add);
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the engine", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    /**
     * A container's log as the engine sends it when not following ({@code GET /containers/{id}/logs?query}): its frames
     * (see {@link LogFrames}), read whole under the engine's deadline.
     *
     * @throws NotFoundException when the container is gone
     */
    public byte[] logs(String containerId, String query) {
        return body("/containers/" + encode(containerId) + "/logs?" + query)
                .orElseThrow(() -> new NotFoundException("No such container: " + containerId));
    }

    /** GET of one of the engine's JSON documents (see {@link #body}); one that is not JSON is an engine that cannot be read. */
    private Optional<JsonNode> json(String path) {
        return body(path).map(body -> {
            try {
                return TREE.readTree(body);
            } catch (IOException e) {
                throw new CloudscaleException.Unreachable("the Docker engine at " + host + " answered GET " + DeadlineHttpClient.withoutQuery(path)
                        + " with something that is not JSON", "check that DOCKER_HOST points at a Docker engine", e);
            }
        });
    }

    /**
     * GET of one of the engine's answers, read whole under the engine's deadline; empty when the engine answers 404 (the
     * container or network is gone). Another status fails as docker-java's client fails, with the engine's message.
     */
    private Optional<byte[]> body(String path) {
        try (DockerHttpClient.Response response = http.execute(get(path))) {
            byte[] body = response.getBody() == null ? new byte[0] : response.getBody().readAllBytes();
            if (response.getStatusCode() == 404) {
                return Optional.empty();
            }
            if (response.getStatusCode() / 100 != 2) {
                throw new DockerException(engineMessage(body), response.getStatusCode());
            }
            return Optional.of(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DockerHttpClient.Request get(String path) {
        return DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.GET).path(path).build();
    }

    private CloudscaleException.Unreachable notAnswered(String path) {
        return new CloudscaleException.Unreachable("the Docker engine at " + host + " has no " + DeadlineHttpClient.withoutQuery(path),
                "check that DOCKER_HOST points at a Docker engine", null);
    }

    /** The engine's error document's message ({"message": ...}), else its first line. */
    private static String engineMessage(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        try {
            JsonNode message = TREE.readTree(body).path("message");
            if (message.isTextual()) {
                return message.asText();
            }
        } catch (IOException notJson) {
            // an answer that is not the engine's error document: its own words
        }
        return text.lines().findFirst().orElse("(no message)");
    }

    /** The path with the filters parameter ({"label":["key=value",...]}) the engine takes; as it is for no labels. */
    private static String withLabels(String path, Map<String, String> labels) {
        if (labels.isEmpty()) {
            return path;
        }
        ArrayNode wanted = TREE.createArrayNode();
        new TreeMap<>(labels).forEach((key, value) -> wanted.add(key + "=" + value));
        return path + (path.contains("?") ? "&" : "?") + "filters=" + encode(TREE.createObjectNode().set("label", wanted).toString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The value of a label on a local image; empty when the image or the label is not there. */
    public Optional<String> imageLabel(String reference, String label) {
        try {
            var config = client().inspectImageCmd(reference).exec().getConfig();
            return Optional.ofNullable(config == null || config.getLabels() == null ? null : config.getLabels().get(label));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    public boolean imageExists(String reference) {
        try {
            client().inspectImageCmd(reference).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    // ---- what the tool changes: each call one engine request, under the engine's deadline ----

    public void start(String containerId) {
        client().startContainerCmd(containerId).exec();
    }

    /** SIGTERM, then SIGKILL after the grace period (the engine's own stop). */
    public void stop(String containerId, Duration grace) {
        client().stopContainerCmd(containerId).withTimeout((int) grace.toSeconds()).exec();
    }

    public void restart(String containerId, Duration grace) {
        client().restartContainerCmd(containerId).withTimeout((int) grace.toSeconds()).exec();
    }

    public void pause(String containerId) {
        client().pauseContainerCmd(containerId).exec();
    }

    public void unpause(String containerId) {
        client().unpauseContainerCmd(containerId).exec();
    }

    /** Removes a container, running or not; its volumes stay. False when it was already gone. */
    public boolean remove(String containerId) {
        try {
            client().removeContainerCmd(containerId).withForce(true).withRemoveVolumes(false).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** The image a container was created from. */
    public String imageOf(String containerId) {
        return inspect(containerId).map(InspectedContainer::image)
                .orElseThrow(() -> new NotFoundException("No such container: " + containerId));
    }

    /**
     * Creates and starts a container of {@code image} that publishes {@code containerPort} on {@code hostPort}, labelled
     * as given (with what created it, so a run killed before it removes the container leaves it findable).
     */
    public String runPublishing(String image, String name, Map<String, String> labels, int containerPort, int hostPort) {
        Ports ports = new Ports();
        ports.bind(ExposedPort.tcp(containerPort), Ports.Binding.bindPort(hostPort));
        String id = client().createContainerCmd(image).withName(name).withLabels(labels)
                .withExposedPorts(ExposedPort.tcp(containerPort))
                .withHostConfig(HostConfig.newHostConfig().withPortBindings(ports))
                .exec().getId();
        client().startContainerCmd(id).exec();
        return id;
    }

    /** Takes the container off every network it is on: it keeps running, and nothing on those networks reaches it. */
    public void disconnectFromAll(String containerId) {
        InspectedContainer inspected = inspect(containerId).orElseThrow(() -> new NotFoundException("No such container: " + containerId));
        for (String network : inspected.networks().keySet()) {
            disconnect(network, containerId);
        }
    }

    /** docker network disconnect --force: a forced disconnect also takes a stale endpoint's name. */
    public void disconnect(String networkId, String containerOrEndpoint) {
        client().disconnectFromNetworkCmd().withNetworkId(networkId).withContainerId(containerOrEndpoint).withForce(true).exec();
    }

    /** Attaches the container to every network of the compose project under {@code alias}, as compose attached it. */
    public void connectToProjectNetworks(String project, String containerId, String alias) {
        for (NetworkView network : projectNetworks(project)) {
            client().connectToNetworkCmd().withNetworkId(network.id()).withContainerId(containerId)
                    .withContainerNetwork(new ContainerNetwork().withAliases(alias)).exec();
        }
    }

    /** Removes the project's networks that no container uses. */
    public void pruneProjectNetworks(String project) {
        client().pruneCmd(PruneType.NETWORKS).withLabelFilter(PROJECT_LABEL + "=" + project).exec();
    }

    /** Loads an image archive (`docker load`). */
    public void loadImage(InputStream archive) {
        client().loadImageCmd(archive).exec();
    }

    /**
     * Builds an image (`docker build`) from a context folder holding its Dockerfile, handing each line of the build's
     * output on as it comes; waits at most {@code limit}.
     */
    public void buildImage(File context, String tag, Map<String, String> labels, Map<String, String> buildArgs, boolean pull,
                           Consumer<String> output, Duration limit) {
        var command = client().buildImageCmd()
                .withBaseDirectory(context)
                .withDockerfile(new File(context, "Dockerfile"))
                .withTags(Set.of(tag))
                .withLabels(labels)
                .withPull(pull)
                .withRemove(true)
                .withForcerm(true);
        buildArgs.forEach(command::withBuildArg);
        command.exec(new BuildImageResultCallback() {
            @Override
            public void onNext(BuildResponseItem item) {
                if (item.getStream() != null && !item.getStream().isBlank()) {
                    output.accept(item.getStream().stripTrailing());
                }
                super.onNext(item);
            }
        }).awaitImageId(limit.toSeconds(), TimeUnit.SECONDS);
    }

    /** Closes within a second: a connection still stuck in a read of a hanging engine is left behind. */
    @Override
    public void close() {
        Thread closing = Thread.ofPlatform().daemon().name("docker-engine-close").start(() -> {
            try {
                http.close();
            } catch (IOException ignored) {
                // nothing useful to do when closing an idle HTTP client fails
            }
        });
        try {
            closing.join(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
