package io.cloudscale.platform.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cloudscale.platform.common.Env;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreSettingsTest {

    @TempDir
    Path dir;

    private static StoreSettings settings(Map<String, String> values) {
        return StoreSettings.from(new Env(values));
    }

    @Test
    void theCertificateDefaultsToTheEmulatorsDocumentedPathOfTheEndpoint() {
        assertEquals(URI.create("https://cosmos:8081/_explorer/emulator.pem"), settings(Map.of()).certificate());
        assertEquals(URI.create("https://store.example:9443/_explorer/emulator.pem"),
                settings(Map.of("COSMOS_ENDPOINT", "https://store.example:9443")).certificate());
    }

    @Test
    void theCertificatesFullUrlIsASetting() {
        assertEquals(URI.create("https://certs.example/store/ca.pem"), settings(Map.of("COSMOS_CERT_URL", "https://certs.example/store/ca.pem")).certificate());
    }

    @Test
    void aPemFilePathIsAcceptedWhenTheFileIsThere() throws Exception {
        Path pem = Files.writeString(dir.resolve("store.pem"), "-----BEGIN CERTIFICATE-----\n");
        assertEquals(pem.toUri(), settings(Map.of("COSMOS_CERT_URL", pem.toString())).certificate());
        assertEquals(pem.toUri(), settings(Map.of("COSMOS_CERT_URL", pem.toUri().toString())).certificate());
        Env.BadSetting missing = assertThrows(Env.BadSetting.class, () -> settings(Map.of("COSMOS_CERT_URL", dir.resolve("none.pem").toString())));
        assertEquals("COSMOS_CERT_URL=" + dir.resolve("none.pem") + ": no readable file there", missing.getMessage());
    }

    @Test
    void theReplacedSettingIsRefusedWithItsSuccessorsName() {
        Env.BadSetting old = assertThrows(Env.BadSetting.class, () -> settings(Map.of("COSMOS_CERT_ENDPOINT", "https://cosmos:8081/")));
        assertEquals("COSMOS_CERT_ENDPOINT is replaced by COSMOS_CERT_URL: the certificate's full URL (e.g. https://cosmos:8081/_explorer/emulator.pem)"
                + " or a PEM file's path", old.getMessage());
        assertThrows(Env.BadSetting.class, () -> settings(Map.of("COSMOS_CERT_URL", "ftp://certs/x.pem")));
    }

    @Test
    void theKeyIsNeverSentOverPlainHttp() {
        Env.BadSetting clear = assertThrows(Env.BadSetting.class, () -> settings(Map.of("COSMOS_ENDPOINT", "http://cosmos:8081/")));
        assertEquals("COSMOS_ENDPOINT=http://cosmos:8081/: expected https://HOST:PORT/", clear.getMessage());
    }
}
