package io.cloudscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogsScanTest {

    @TempDir
    Path dir;

    @Test
    void aProcessorLogWithAnOpenBreakerAndAnUntrustedCertificate() throws IOException {
        Files.writeString(dir.resolve("processor.log"), """
                2026-11-26 06:41:50.002 INFO  [main] EventProcessor - consuming from events
                2026-11-26 06:41:51.118 ERROR [pool-1] EventProcessor - upsert failed: javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target
                2026-11-26T06:41:52.414+00:00[Etc/UTC]: CircuitBreaker 'cosmos' changed state from CLOSED to OPEN
                2026-11-26 06:41:53.101 WARN  [pool-1] EventProcessor - io.github.resilience4j.circuitbreaker.CallNotPermittedException: CircuitBreaker 'cosmos' is OPEN and does not permit further calls
                """);

        CliHarness.Result result = new CliHarness(dir).run("logs", "scan", "--file", "processor.log", "-o", "json");

        assertEquals(1, result.exitCode(), result.err());
        JsonNode data = result.json().get("data");
        assertEquals(4, data.get("linesRead").asInt());
        assertEquals("circuit-open", data.at("/matches/0/signature").asText());
        assertEquals(2, data.at("/matches/0/count").asInt());
        assertEquals("cosmos", data.at("/matches/0/details/0").asText());
        assertEquals("2026-11-26T06:41:52.414Z", data.at("/matches/0/firstSeen").asText());
        assertEquals("tls-untrusted", data.at("/matches/1/signature").asText());
    }

    @Test
    void aCleanLogIsExit0AndAMissingFileIsAUsageError() throws IOException {
        Files.writeString(dir.resolve("clean.log"), "started\nupserted 1\n");

        CliHarness.Result clean = new CliHarness(dir).run("logs", "scan", "--file", "clean.log");
        CliHarness.Result missing = new CliHarness(dir).run("logs", "scan", "--file", "absent.log");

        assertEquals(0, clean.exitCode());
        assertTrue(clean.out().contains("no known failure signature"), clean.out());
        assertEquals(2, missing.exitCode());
        assertEquals("cloudscale: " + dir.resolve("absent.log") + ": no such file\n", missing.err());
    }

    @Test
    void aFileThatCannotBeReadSaysWhyInOneLine() throws IOException {
        Path folder = java.nio.file.Files.createDirectories(dir.resolve("logs"));
        CliHarness.Result directory = new CliHarness(dir).run("logs", "scan", "--file", folder.toString());

        assertEquals(2, directory.exitCode());
        assertEquals("cloudscale: " + folder + ": is a directory, not a log file\n", directory.err());
        if (!"root".equals(System.getProperty("user.name"))) {
            Path locked = java.nio.file.Files.writeString(dir.resolve("locked.log"), "x\n");
            locked.toFile().setReadable(false);
            CliHarness.Result denied = new CliHarness(dir).run("logs", "scan", "--file", locked.toString());
            assertTrue(denied.err().startsWith("cloudscale: " + locked + ": permission denied\n"), denied.err());
        }
    }

    @Test
    void aServiceNeedsTheEngine() {
        CliHarness.Result result = new CliHarness(dir).run("logs", "scan", "event-processor");

        assertEquals(3, result.exitCode());
        assertTrue(result.err().startsWith("cloudscale: no Docker engine at"), result.err());
    }

    @Test
    void badDurationsAreUsageErrors() {
        assertEquals(2, new CliHarness(dir).run("logs", "scan", "event-processor", "--since", "ten").exitCode());
    }
}
