package io.cloudscale.core.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cloudscale.core.fuzz.Fuzzing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * cloudscale.yaml from anyone: the file is read and resolved into settings, or refused with a one-line
 * usage error (file:line:column), within the bound. Seeds: ConfigFileFuzzTestInputs/configFile.
 */
class ConfigFileFuzzTest {

    private static final Path FILE = Fuzzing.scratchFile("cloudscale.yaml");

    @FuzzTest(maxDuration = "3s")
    void configFile(byte[] content) throws IOException {
        Files.write(FILE, content);
        Configuration resolved = Fuzzing.parses(() -> Configuration.resolve(Map.of(), Map.of(), ConfigFile.load(FILE)));
        if (resolved != null) {
            // every setting came from the file or a default, and no value is longer than the file
            resolved.all().forEach(setting -> assertTrue(setting.value().length() <= content.length
                    || setting.source() == ConfigSource.DEFAULT, setting::toString));
        }
    }
}
