package io.cloudscale.probes.kubernetes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A kubeconfig for a test's API server, in use through the {@code kubeconfig} system property (which fabric8
 * reads before KUBECONFIG) until closed, when the property is put back as it was.
 */
public final class TestKubeconfig implements AutoCloseable {

    /** One context of the kubeconfig and the server its cluster is at. */
    public record Context(String name, String server) {
    }

    private final String before;

    private TestKubeconfig(String before) {
        this.before = before;
    }

    /** A kubeconfig with these contexts, each on a cluster of its own, {@code current} the current one; one user. */
    public static String yaml(String current, Context... contexts) {
        StringBuilder clusters = new StringBuilder();
        StringBuilder named = new StringBuilder();
        for (Context context : contexts) {
            clusters.append("""
                      - name: %s-cluster
                        cluster:
                          server: %s
                          insecure-skip-tls-verify: true
                    """.formatted(context.name(), context.server()));
            named.append("""
                      - name: %s
                        context:
                          cluster: %s-cluster
                          user: tester
                    """.formatted(context.name(), context.name()));
        }
        return "apiVersion: v1\nkind: Config\nclusters:\n" + clusters + "contexts:\n" + named + "current-context: " + current + "\n"
                + "users:\n  - name: tester\n    user:\n      username: tester\n";
    }

    /** Writes {@code yaml} to {@code file} and makes it the kubeconfig until {@link #close()}. */
    public static TestKubeconfig use(Path file, String yaml) throws IOException {
        Files.writeString(file, yaml);
        String before = System.getProperty("kubeconfig");
        System.setProperty("kubeconfig", file.toString());
        return new TestKubeconfig(before);
    }

    /** A kubeconfig whose one context, {@code context}, is current and at {@code server}, in use until closed. */
    public static TestKubeconfig use(Path file, String context, String server) throws IOException {
        return use(file, yaml(context, new Context(context, server)));
    }

    @Override
    public void close() {
        if (before == null) {
            System.clearProperty("kubeconfig");
        } else {
            System.setProperty("kubeconfig", before);
        }
    }
}
