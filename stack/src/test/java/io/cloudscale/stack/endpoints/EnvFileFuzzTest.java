package io.cloudscale.stack.endpoints;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cloudscale.core.fuzz.Fuzzing;
import io.cloudscale.stack.ports.EnvFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The stack's .env, as every command that reaches the stack reads it: KEY=VALUE lines to endpoints, or a
 * one-line usage error naming the bad value, within the bound. Seeds: EnvFileFuzzTestInputs/dotEnv.
 */
class EnvFileFuzzTest {

    private static final Path ENV = Fuzzing.scratchFile(".env");

    @FuzzTest(maxDuration = "3s")
    void dotEnv(byte[] content) throws IOException {
        Files.write(ENV, content);
        Map<String, String> values = Fuzzing.parses(() -> {
            try {
                return new EnvFile(ENV).values();
            } catch (IOException unreadable) {
                return null; // its documented error (not UTF-8, say): the callers turn it into a usage error, checked below
            }
        });
        if (values != null) {
            long lines = new String(content, java.nio.charset.StandardCharsets.UTF_8).lines().count();
            assertTrue(values.size() <= lines, () -> values.size() + " values from " + lines + " lines");
            values.forEach((key, value) -> assertTrue(key.length() + value.length() <= content.length, key));
        }
        StackEndpoints endpoints = Fuzzing.parses(() -> StackEndpoints.load(ENV.getParent(), Map.of()));
        if (endpoints != null) {
            assertTrue(endpoints.cosmosPort() >= 1 && endpoints.cosmosPort() <= 65535, endpoints::toString);
            assertTrue(endpoints.ingest().getPort() >= 1, endpoints::toString);
        }
    }
}
