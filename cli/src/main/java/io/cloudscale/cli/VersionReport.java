package io.cloudscale.cli;

import io.cloudscale.core.json.Envelope;
import io.cloudscale.core.json.Json;
import io.cloudscale.probes.docker.DockerEngine;
import io.cloudscale.probes.docker.EngineInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * `cloudscale --version`: the build, the JVM, and, with -v, the engine it would talk to. The engine is
 * asked only on request: reaching it loads docker-java and Jackson, ten times what the rest needs.
 * Free of picocli, so that {@link VersionRequest} answers without loading it.
 */
final class VersionReport {

    private final Session session;

    VersionReport(Session session) {
        this.session = session;
    }

    record VersionInfo(String version, String commit, String java, String javaVendor, Engine docker) {
    }

    /** {@code reachable} is null when the engine was not asked. */
    record Engine(String host, boolean asked, Boolean reachable, String version, String apiVersion, String error) {
    }

    /** The lines `--version` prints (one JSON document with -o json). */
    String[] lines() {
        Properties build = buildProperties();
        VersionInfo info = new VersionInfo(build.getProperty("version", "unknown"), build.getProperty("commit", "unknown"),
                Runtime.version().toString(), System.getProperty("java.vendor"), engine());
        if (session.json()) {
            return new String[] {Json.write(Envelope.of("version", info))};
        }
        Engine docker = info.docker();
        return new String[] {
                "cloudscale " + info.version() + " (commit " + info.commit() + ")",
                "Java " + info.java() + " (" + info.javaVendor() + ")",
                !docker.asked()
                        ? "Docker engine at " + docker.host() + ": not asked (--version -v asks)"
                        : docker.reachable()
                                ? "Docker engine " + docker.version() + " (API " + docker.apiVersion() + ") at " + docker.host()
                                : "Docker engine: " + docker.error()
        };
    }

    private Engine engine() {
        String host = session.engineHost().uri();
        if (session.options().verbosity() < 1) {
            return new Engine(host, false, null, null, null, null);
        }
        try (DockerEngine engine = DockerEngine.connect(session.engineHost())) {
            EngineInfo info = engine.info();
            return new Engine(host, true, true, info.version(), info.apiVersion(), null);
        } catch (RuntimeException e) {
            return new Engine(host, true, false, null, null, e.getMessage());
        }
    }

    static Properties buildProperties() {
        Properties properties = new Properties();
        try (InputStream in = VersionReport.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
