package io.cloudscale.cli;

import io.cloudscale.probes.kubernetes.TestKubeconfig;
import io.cloudscale.stack.kubernetes.ApplyingMockApiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For each test, fabric8's mock API server in CRUD mode taught server-side apply ({@link ApplyingMockApiServer}), the one
 * context ({@code mock}) of a kubeconfig found as kubectl finds it (here through the client's {@code kubeconfig} system
 * property): a cluster for the commands run through the command tree. Register with {@code @RegisterExtension}; the
 * server is there before the test class's own {@code @BeforeEach}.
 */
final class MockCluster implements BeforeEachCallback, AfterEachCallback {

    private ApplyingMockApiServer server;
    private Path kubeconfigFile;
    private TestKubeconfig kubeconfig;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        server = new ApplyingMockApiServer();
        kubeconfigFile = Files.createTempFile("kubeconfig", ".yaml");
        kubeconfig = TestKubeconfig.use(kubeconfigFile, server.kubeconfig());
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        kubeconfig.close();
        server.close();
        Files.deleteIfExists(kubeconfigFile);
    }

    ApplyingMockApiServer server() {
        return server;
    }

    /** The kubeconfig in use, for a test that rewrites it. */
    Path kubeconfigFile() {
        return kubeconfigFile;
    }
}
