package io.cloudscale.probes.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.cloudscale.core.CloudscaleException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final String host;
    private final DockerClient client;

    private DockerEngine(String host, DockerClient client) {
        this.host = host;
        this.client = client;
    }

    /**
     * Connects and pings. Fails fast with exit code 3 when nothing answers, without waiting out
     * timeouts for a socket file that is not even there.
     */
    public static DockerEngine connect(String dockerHost) {
        return connect(DockerHost.of(dockerHost));
    }

    /** Connects and pings within the host's deadline; every later call is bounded by it too. */
    public static DockerEngine connect(DockerHost target) {
        String dockerHost = target.uri();
        URI uri = parseHost(dockerHost);
        if ("unix".equals(uri.getScheme()) && !Files.exists(Path.of(uri.getPath()))) {
            throw unreachable(dockerHost, null);
        }
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost)
                .build();
        DockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(CONNECT_TIMEOUT)
                .maxConnections(32)
                .build();
        DockerEngine engine = new DockerEngine(dockerHost,
                DockerClientImpl.getInstance(config, new DeadlineHttpClient(http, dockerHost, target.deadline())));
        try {
            engine.client.pingCmd().exec();
        } catch (CloudscaleException.Unreachable e) {
            engine.close();
            throw e;
        } catch (RuntimeException e) {
            engine.close();
            throw unreachable(dockerHost, e);
        }
        return engine;
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

    public DockerClient client() {
        return client;
    }

    public EngineInfo info() {
        Version version = client.versionCmd().exec();
        Info info = client.infoCmd().exec();
        return new EngineInfo(host, version.getVersion(), version.getApiVersion(), version.getMinAPIVersion(),
                version.getOperatingSystem(), version.getArch(), info.getDockerRootDir());
    }

    /** All containers of a compose project, in any state, found by label as compose itself does. */
    public List<Container> projectContainers(String project) {
        return client.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(PROJECT_LABEL, project))
                .exec();
    }

    /** Closes within a second: a connection still stuck in a read of a hanging engine is left behind. */
    @Override
    public void close() {
        Thread closing = Thread.ofPlatform().daemon().name("docker-engine-close").start(() -> {
            try {
                client.close();
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
