package io.cloudscale.stack.ports;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudscale.core.action.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A remap of the stack's .env SIGKILLed at random moments, mid-write included: the file is always the old one or the new one. */
class EnvFileKillTest {

    @TempDir
    Path stack;

    /** Flips COSMOS_PORT between two values in a large .env until killed. */
    public static final class Flipper {
        public static void main(String[] args) throws Exception {
            EnvFile env = new EnvFile(Path.of(args[0]));
            for (int i = 0; ; i++) {
                env.set("COSMOS_PORT", i % 2 == 0 ? "8082" : "8081");
                if (i == 2) {
                    Files.writeString(Path.of(args[0] + ".flipping"), "yes");
                }
            }
        }
    }

    private static String content(String port) {
        return "# padding so that a write takes long enough to be cut\n" + "# ".repeat(400_000) + "\nCOSMOS_PORT=" + port + "\nGATEWAY_PORT=8080\n";
    }

    @Test
    void theEnvFileIsNeverHalfWritten() throws Exception {
        Path env = stack.resolve(".env");
        Files.writeString(env, content("8081"));
        for (int round = 0; round < 8; round++) {
            Path output = stack.resolve("flip.log");
            Process child = ChildJvm.start(Flipper.class, output, env.toString());
            ChildJvm.await(child, Path.of(env + ".flipping"), output);
            Thread.sleep(ThreadLocalRandom.current().nextInt(0, 100));
            ChildJvm.kill(child);
            String text = Files.readString(env);
            assertTrue(text.equals(content("8081")) || text.equals(content("8082")), "round " + round + ": " + text.length() + " chars");
            Files.deleteIfExists(Path.of(env + ".flipping"));
        }
    }
}
