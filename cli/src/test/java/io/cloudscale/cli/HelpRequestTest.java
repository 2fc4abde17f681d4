package io.cloudscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** `--help` away from a terminal is answered from the page the build rendered, exactly as picocli answers it. */
class HelpRequestTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "--help --help", "-h doctor", "--help -o json", "-o json --help", "doctor --help", "--help -v"})
    void answersAsPicocliDoes(String line) {
        String[] args = line.split(" ");
        CliHarness.Result quick = new CliHarness(dir).asMain().run(args);
        CliHarness.Result full = new CliHarness(dir).run(args);

        assertEquals(full.exitCode(), quick.exitCode(), line);
        assertEquals(full.out(), quick.out(), line);
        assertEquals(full.err(), quick.err(), line);
    }

    @Test
    void thePageInTheBuildIsTheOnePicocliRendersNow() throws IOException {
        try (InputStream in = HelpRequest.class.getResourceAsStream(HelpRequest.PAGE)) {
            assertTrue(in != null, "the build renders " + HelpRequest.PAGE + " next to the classes (exec-maven-plugin, process-classes)");
            assertEquals(HelpPage.render(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h"})
    void answeredWithoutPicocliAwayFromATerminal(String arg) {
        StringWriter out = new StringWriter();
        OptionalInt exit = HelpRequest.answer(context(out, false), arg);

        assertEquals(OptionalInt.of(0), exit);
        assertTrue(out.toString().startsWith("Run, diagnose and repair the CloudScale event platform.\nUsage: cloudscale "), out.toString());
        assertTrue(out.toString().contains("\nExit codes:\n  0   healthy"), out.toString());
    }

    @Test
    void onATerminalPicocliRendersIt() {
        StringWriter out = new StringWriter();

        assertEquals(OptionalInt.empty(), HelpRequest.answer(context(out, true), "--help"));
        assertEquals("", out.toString());
    }

    @Test
    void picocliSystemPropertiesLeaveItToPicocli() {
        StringWriter out = new StringWriter();
        System.setProperty("picocli.usage.width", "120");
        try {
            assertEquals(OptionalInt.empty(), HelpRequest.answer(context(out, false), "--help"));
        } finally {
            System.clearProperty("picocli.usage.width");
        }
        assertEquals("", out.toString());
    }

    private CliContext context(StringWriter out, boolean terminal) {
        return new CliContext(new BufferedReader(new StringReader("")), new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                Map.of(), dir, dir, terminal, terminal);
    }
}
