package io.cloudscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A key in the environment never leaves the tool, whatever output it would have reached. */
class SecretsByValueTest {

    // looks like nothing the shape-based redaction knows: only its value gives it away
    private static final String KEY = "q8Zt3vWm0rPx7Lk2Hs9dFg4Jn6Ub1Yc5";

    @TempDir
    Path dir;

    @Test
    void aRunbookThatReadsAKeyPrintsItNowhere() throws Exception {
        Path runbook = Files.writeString(dir.resolve("key.yaml"), """
                name: key
                requires:
                  env: [COSMOS_KEY]
                steps:
                  - id: same
                    check: {that: "${env.COSMOS_KEY}", equals: "${env.COSMOS_KEY}"}
                  - id: shown
                    check: {that: "${env.COSMOS_KEY}", matches: "^nope$"}
                    on_failure: continue
                """);
        Path journal = dir.resolve("runs.jsonl");
        Path junit = dir.resolve("key.xml");
        CliHarness cli = new CliHarness(dir).env("COSMOS_KEY", KEY);

        CliHarness.Result text = cli.run("playbook", "run", runbook.toString(), "--journal", journal.toString(), "--junit", junit.toString());
        CliHarness.Result json = cli.run("playbook", "run", runbook.toString(), "-o", "json", "--journal", journal.toString());
        CliHarness.Result verbose = cli.run("playbook", "run", runbook.toString(), "-vv", "-x");

        assertEquals(1, text.exitCode(), text.out() + text.err());
        for (String output : new String[] {text.out(), text.err(), json.out(), json.err(), verbose.out(), verbose.err(),
                Files.readString(journal), Files.readString(junit)}) {
            assertFalse(output.contains(KEY), output);
            assertFalse(output.contains(KEY.substring(0, 12)), output);
        }
        assertTrue(text.out().contains("***"), "the check still says what it compared: " + text.out());
    }

    @Test
    void aPasswordInAnyVariableNamedSoIsMaskedInErrorsToo() {
        CliHarness.Result result = new CliHarness(dir).env("RABBITMQ_PASSWORD", "s3cr3t-rabbit").env("CLOUDSCALE_PROJECT", "s3cr3t-rabbit")
                .run("config");

        assertFalse(result.out().contains("s3cr3t-rabbit"), result.out());
    }
}
