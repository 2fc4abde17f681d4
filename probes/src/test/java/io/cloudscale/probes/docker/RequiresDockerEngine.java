package io.cloudscale.probes.docker;

import io.cloudscale.core.CloudscaleException;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Gate for integration tests that need a real engine: on CI (CI=true) a missing engine fails the
 * test, elsewhere the test is skipped with a message saying why.
 */
public final class RequiresDockerEngine {

    private RequiresDockerEngine() {
    }

    public static String dockerHost() {
        String host = System.getenv("DOCKER_HOST");
        return host == null || host.isBlank() ? "unix:///var/run/docker.sock" : host;
    }

    public static DockerEngine connect() {
        try {
            return DockerEngine.connect(dockerHost());
        } catch (CloudscaleException.Unreachable e) {
            String reason = e.getMessage() + " (integration tests need a Docker engine: cloudscale setup --for tests starts one)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(reason);
            }
            System.err.println("SKIPPED: " + reason);
            Assumptions.abort(reason);
            throw e;
        }
    }
}
