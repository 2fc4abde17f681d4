package io.cloudscale.playbooks.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The format's reader on the malformed corpus (src/test/resources/runbooks/malformed: each file's first line
 * says the line, column and message expected) and on hostile input: each rejected, clearly and within a second.
 */
class RunbookReaderTest {

    private static final Pattern EXPECT = Pattern.compile("# expect: (\\d+):(\\d+): (.*)");

    @TempDir
    Path dir;

    static RunbookReader.Result validate(Path file) {
        return RunbookCatalog.load(file.toString());
    }

    @TestFactory
    Stream<DynamicTest> eachMalformedFileIsRejectedWithAProblemAtItsLineAndColumn() throws IOException, URISyntaxException {
        Path corpus = Path.of(RunbookReaderTest.class.getResource("/runbooks/malformed").toURI());
        List<Path> files;
        try (Stream<Path> listing = Files.list(corpus)) {
            files = listing.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.size() >= 20, "the corpus is there");
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            Matcher expected = EXPECT.matcher(Files.readAllLines(file).getFirst());
            assertTrue(expected.matches(), file + " says what it expects on its first line");
            RunbookReader.Result result = validate(file);
            assertFalse(result.valid(), file + " was accepted");
            String where = Integer.parseInt(expected.group(1)) + ":" + Integer.parseInt(expected.group(2));
            assertTrue(result.problems().stream().anyMatch(problem -> (problem.line() + ":" + problem.column()).equals(where)
                    && problem.message().contains(expected.group(3)) && problem.file().equals(file.toString())),
                    "expected " + where + ": " + expected.group(3) + " among " + result.problems());
        }));
    }

    @Test
    void aCycleOfRunStepsIsNamedWhereItCloses() throws IOException {
        Files.writeString(dir.resolve("a.yaml"), "name: a\nsteps:\n  - run: b.yaml\n");
        Files.writeString(dir.resolve("b.yaml"), "name: b\nsteps:\n  - probe: container-state\n  - run: a.yaml\n");

        RunbookReader.Result result = validate(dir.resolve("a.yaml"));

        assertFalse(result.valid());
        Problem problem = result.problems().getFirst();
        assertTrue(problem.file().endsWith("b.yaml"), problem.toString());
        assertEquals(4, problem.line());
        assertEquals(5, problem.column());
        assertTrue(problem.message().contains("closes a cycle"), problem.toString());
    }

    @Test
    void aRunbookThatRunsItselfIsACycle() throws IOException {
        Files.writeString(dir.resolve("self.yaml"), "name: self\nsteps:\n  - run: self.yaml\n");

        assertTrue(validate(dir.resolve("self.yaml")).problems().getFirst().message().contains("closes a cycle"));
    }

    @Test
    void everyProblemIsReportedNotOnlyTheFirst() throws IOException {
        Files.writeString(dir.resolve("many.yaml"), "name: many\ncolour: blue\nsteps:\n  - probe: nope\n  - action: nope\n    retries: -1\n");

        assertEquals(4, validate(dir.resolve("many.yaml")).problems().size(), validate(dir.resolve("many.yaml")).problems().toString());
    }

    @Test
    void deepNestingIsRejectedQuickly() throws IOException {
        String deep = "name: deep\nsteps:\n  - ask: x\nextra: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
        assertRejectedFast(Files.writeString(dir.resolve("deep.yaml"), deep), "nested more than 32 levels deep");
    }

    @Test
    void aBillionLaughsIsRejectedQuickly() throws IOException {
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char level = 'b'; level <= 'j'; level++) {
            char previous = (char) (level - 1);
            bomb.append(level).append(": &").append(level).append(" [")
                    .append(String.join(",", java.util.Collections.nCopies(9, "*" + previous))).append("]\n");
        }
        assertRejectedFast(Files.writeString(dir.resolve("laughs.yaml"), bomb.toString()), "aliases");
    }

    @Test
    void aTenMegabyteFileIsRejectedQuickly() throws IOException {
        Path huge = dir.resolve("huge.yaml");
        try (var out = Files.newBufferedWriter(huge)) {
            out.write("name: huge\nsteps:\n");
            String step = "  - ask: \"" + "x".repeat(100) + "\"\n";
            for (long written = 0; written < 10L * 1024 * 1024; written += step.length()) {
                out.write(step);
            }
        }
        assertRejectedFast(huge, "at most");
    }

    @Test
    void aLongButLegalScalarWithinTheLimitIsRead() throws IOException {
        Path file = Files.writeString(dir.resolve("long.yaml"), "name: long\nsteps:\n  - ask: \"" + "x".repeat(100_000) + "\"\n");

        assertTrue(validate(file).valid(), validate(file).problems().toString());
    }

    private void assertRejectedFast(Path file, String why) {
        long start = System.nanoTime();
        RunbookReader.Result result = validate(file);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertFalse(result.valid());
        assertTrue(result.problems().getFirst().message().contains(why), result.problems().getFirst().toString());
        assertTrue(took.toMillis() < 1000, "took " + took.toMillis() + " ms");
    }
}
