package io.cloudscale.playbooks.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.Status;
import io.cloudscale.core.diagnosis.Evidence;
import io.cloudscale.core.diagnosis.Observation;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The engine's step semantics. Probes here are scripted (ScriptedObserver: a probe's value and status on
 * demand) because what is under test is the engine; the built-in runbooks against the real stack are in
 * cli's PlaybookRunIT. Shell steps run real commands.
 */
class RunbookEngineTest {

    @TempDir
    Path dir;

    private final List<String> observed = new ArrayList<>();

    /** Answers each probe with a queue whose last depth is the probe's call count times ten. */
    private Observation<?> scripted(String probe, Duration window) throws InterruptedException {
        observed.add(probe);
        if (probe.equals("cosmos-reachability")) {
            Thread.sleep(5000); // longer than any test's deadline
        }
        if (probe.equals("event-processor-logs")) {
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < until) {
                Thread.onSpinWait(); // a probe stuck where interruption does not reach it
            }
        }
        if (probe.equals("gateway-logs")) {
            return Observation.unknown(probe, "the gateway is not running");
        }
        long depth = observed.stream().filter(probe::equals).count() * 10;
        return Observation.of(probe, Status.OK, Map.of("last", Map.of("active", depth)), List.of(new Evidence(probe, java.time.Instant.EPOCH, "depth " + depth)));
    }

    private Runbook runbook(String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve("rb-" + System.nanoTime() + ".yaml"), yaml);
        RunbookReader.Result result = RunbookCatalog.load(file.toString());
        assertTrue(result.valid(), result.problems().toString());
        return result.runbook();
    }

    private RunResult run(String yaml, boolean dryRun, boolean yes, boolean shell, Map<String, String> inputs) throws Exception {
        RunbookEngine engine = new RunbookEngine(this::scripted, null, question -> Optional.empty(), (runbook, step) -> { },
                new RunbookEngine.Options(dryRun, yes, shell, dir.resolve("journal.jsonl")), Map.of("TEAM", "payments"));
        return engine.run(runbook(yaml), inputs);
    }

    private RunResult run(String yaml) throws Exception {
        return run(yaml, false, false, false, Map.of());
    }

    private static List<String> outcomes(RunResult result) {
        return result.steps().stream().map(step -> step.id() + "=" + step.outcome().id()).toList();
    }

    @Test
    void stepsRunInOrderAndChecksReadEarlierSteps() throws Exception {
        RunResult result = run("""
                name: order
                inputs:
                  limit: {type: int, default: "5"}
                steps:
                  - id: queue
                    probe: queue-depth
                  - id: deep
                    check: {that: "${steps.queue.value}", path: $.last.active, greater_than: "${inputs.limit}"}
                  - id: shallow
                    check: {that: "${steps.queue.value.last.active}", at_most: 5}
                    on_failure: continue
                  - id: after
                    check: {that: "${steps.queue.status}", equals: OK}
                """);

        assertEquals(List.of("queue=passed", "deep=passed", "shallow=failed", "after=passed"), outcomes(result));
        assertFalse(result.passed(), "a failed step fails the run even when the run went on");
        assertNull(result.failedStep());
        assertEquals("steps.queue.value.last.active is '10', wanted at_most 5",
                result.steps().get(2).evidence().getFirst().replace("${", "").replace("}", ""));
    }

    @Test
    void aFailedStepStopsTheRunUnlessItSaysContinue() throws Exception {
        RunResult result = run("""
                name: stop
                steps:
                  - id: queue
                    probe: queue-depth
                  - id: fails
                    check: {that: "${steps.queue.value.last.active}", equals: 0}
                  - id: never
                    probe: queue-depth
                """);

        assertEquals(List.of("queue=passed", "fails=failed"), outcomes(result));
        assertEquals("fails", result.failedStep());
        assertEquals(1, observed.size());
    }

    @Test
    void aFailureThatAsksForRollbackRunsTheRollbackSection() throws Exception {
        RunResult result = run("""
                name: undo
                steps:
                  - id: first
                    probe: queue-depth
                  - id: breaks
                    check: {that: "${steps.first.value.last.active}", less_than: 0}
                    on_failure: rollback
                  - id: never
                    probe: container-state
                rollback:
                  - id: undo-one
                    probe: queue-depth
                  - id: undo-two
                    check: {that: "${steps.undo-one.value.last.active}", equals: 20}
                """);

        assertEquals(List.of("first=passed", "breaks=failed", "undo-one=passed", "undo-two=passed"), outcomes(result));
        assertTrue(result.rolledBack());
        assertFalse(result.passed());
        assertTrue(result.steps().get(2).rollback());
    }

    @Test
    void whenSkipsAStepAndRetriesGiveAnotherTry() throws Exception {
        RunResult result = run("""
                name: when-retries
                steps:
                  - id: queue
                    probe: queue-depth
                  - id: skipped
                    when: {that: "${steps.queue.value.last.active}", greater_than: 100}
                    probe: container-state
                  - id: second-look
                    wait: queue-depth
                    until: {that: "${steps.second-look.value.last.active}", at_least: 30}
                    interval: 10ms
                    timeout: 5s
                """);

        assertEquals(List.of("queue=passed", "skipped=skipped", "second-look=passed"), outcomes(result));
        assertEquals(List.of("queue-depth", "queue-depth", "queue-depth"), observed, "container-state was skipped; the wait looked twice");
    }

    @Test
    void aProbeThatCannotLookFailsAndIsRetried() throws Exception {
        RunResult result = run("""
                name: unknown
                steps:
                  - probe: gateway-logs
                    retries: 2
                """);

        assertEquals(List.of("probe-1=failed"), outcomes(result));
        assertEquals(3, result.steps().getFirst().attempts());
        assertTrue(result.steps().getFirst().detail().contains("the gateway is not running"));
    }

    @Test
    void aStepPastItsDeadlineFails() throws Exception {
        long start = System.nanoTime();
        RunResult result = run("""
                name: slow
                steps:
                  - probe: cosmos-reachability
                    timeout: 300ms
                """);

        assertEquals("timed out after 300ms", result.steps().getFirst().detail());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 3000);
    }

    @Test
    void aDryRunPlansEveryStepAndRunsNothing() throws Exception {
        RunResult result = run("""
                name: dry
                requires: {shell: true}
                steps:
                  - probe: queue-depth
                  - ask: "go on?"
                  - shell: [touch, %s]
                """.formatted(dir.resolve("touched")), true, false, false, Map.of());

        assertEquals(List.of("probe-1=planned", "ask-2=planned", "shell-3=planned"), outcomes(result));
        assertTrue(result.passed());
        assertTrue(observed.isEmpty());
        assertFalse(Files.exists(dir.resolve("touched")));
    }

    @Test
    void askNeedsAPersonOrYes() throws Exception {
        String yaml = "name: ask\nsteps:\n  - ask: \"restart ${env.TEAM}'s API?\"\nrequires: {env: [TEAM]}\n";

        RunResult alone = run(yaml);
        RunResult yes = run(yaml, false, true, false, Map.of());

        assertEquals("needs a person to confirm 'restart payments's API?': run it on a terminal, or with --yes", alone.steps().getFirst().detail());
        assertTrue(yes.passed());
    }

    @Test
    void shellRunsOnlyWhenTheRunbookDeclaresItAndTheOperatorAllowsIt() throws Exception {
        String yaml = """
                name: shell
                requires: {shell: true}
                steps:
                  - id: hello
                    shell: [sh, -c, "echo hello; exit 3"]
                    on_failure: continue
                  - check: {that: "${steps.hello.output}", matches: hello}
                  - check: {that: "${steps.hello.status}", equals: 3}
                """;

        assertThrows(CloudscaleException.Usage.class, () -> run(yaml));
        RunResult allowed = run(yaml, false, false, true, Map.of());

        assertEquals(List.of("hello=failed", "check-2=passed", "check-3=passed"), outcomes(allowed));
    }

    @Test
    void inputsAreTypedAndRequired() throws Exception {
        String yaml = "name: typed\ninputs:\n  port: {type: port}\nsteps:\n  - ask: \"${inputs.port}?\"\n";

        assertThrows(CloudscaleException.Usage.class, () -> run(yaml), "no default, not given");
        assertThrows(CloudscaleException.Usage.class, () -> run(yaml, false, true, false, Map.of("port", "http")));
        assertThrows(CloudscaleException.Usage.class, () -> run(yaml, false, true, false, Map.of("prot", "80")));
        assertEquals("yes (--yes): 8081?", run(yaml, false, true, false, Map.of("port", "8081")).steps().getFirst().detail());
    }

    @Test
    void aRunStepRunsAnotherRunbookWithItsInputs() throws Exception {
        Files.writeString(dir.resolve("child.yaml"), "name: child\ninputs:\n  want: {type: int}\nsteps:\n  - id: q\n    probe: queue-depth\n"
                + "  - check: {that: \"${steps.q.value.last.active}\", equals: \"${inputs.want}\"}\n");
        Path parent = Files.writeString(dir.resolve("parent.yaml"), "name: parent\nsteps:\n  - id: child\n    run: child.yaml\n    with: {want: 10}\n");
        RunbookEngine engine = new RunbookEngine(this::scripted, null, question -> Optional.empty(), (runbook, step) -> { },
                new RunbookEngine.Options(false, false, false, null), Map.of());

        RunResult result = engine.run(RunbookCatalog.load(parent.toString()).runbook(), Map.of());

        assertTrue(result.passed(), result.steps().toString());
        assertEquals("child passed", result.steps().getFirst().detail());
    }

    @Test
    void everyStepIsJournalledAndTheJUnitReportIsWellFormed() throws Exception {
        RunResult result = run("""
                name: journal
                steps:
                  - id: queue
                    probe: queue-depth
                  - id: bad
                    name: "a <check> & \\"quotes\\""
                    check: {that: "${steps.queue.value.last.active}", equals: -1}
                    on_failure: continue
                  - id: skipped
                    when: {that: "${steps.queue.status}", equals: FAIL}
                    probe: queue-depth
                """);

        List<String> lines = Files.readAllLines(dir.resolve("journal.jsonl"));
        assertEquals(3, lines.size());
        JsonNode second = new ObjectMapper().readTree(lines.get(1));
        assertEquals("journal", second.path("runbook").asText());
        assertEquals("failed", second.path("outcome").asText());
        assertTrue(second.path("evidence").get(0).asText().contains("wanted equals -1"));
        assertTrue(second.has("durationMillis") && second.has("inputs") && second.has("run"));

        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(JUnitReport.xml(result).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals("testsuite", xml.getDocumentElement().getTagName());
        assertEquals("3", xml.getDocumentElement().getAttribute("tests"));
        assertEquals("1", xml.getDocumentElement().getAttribute("failures"));
        assertEquals("1", xml.getDocumentElement().getAttribute("skipped"));
        assertEquals(3, xml.getElementsByTagName("testcase").getLength());
        assertEquals("bad: a <check> & \"quotes\"", ((org.w3c.dom.Element) xml.getElementsByTagName("testcase").item(1)).getAttribute("name"));
    }

    @Test
    void theBuiltInsAreValid() {
        for (String name : RunbookCatalog.BUILT_INS) {
            RunbookReader.Result result = RunbookCatalog.load(name);
            assertTrue(result.valid(), name + ": " + result.problems());
            assertEquals(name, result.runbook().name());
        }
    }

    private static final String HOSTILE = "(.*a){12}$";

    @Test
    void aHostileRegexInACheckOrAWhenIsDecidedInLinearTime() throws Exception {
        String text = "a".repeat(5000) + "b";
        long start = System.nanoTime();
        RunResult result = run("""
                name: hostile
                inputs:
                  text: {type: string}
                steps:
                  - id: checked
                    check: {that: "${inputs.text}", matches: "%s"}
                    timeout: 2s
                    on_failure: continue
                  - id: guarded
                    when: {that: "${inputs.text}", matches: "%s"}
                    check: {that: 1, equals: 1}
                """.formatted(HOSTILE, HOSTILE), false, false, false, Map.of("text", text));
        long tookMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();

        assertEquals(List.of("checked=failed", "guarded=skipped"), outcomes(result));
        assertEquals("does not hold", result.steps().get(0).detail());
        assertTrue(tookMillis < 3000, "took " + tookMillis + " ms");
    }

    @Test
    void aRegexThatNeedsBacktrackingIsRefusedWhenTheRunbookIsRead() throws Exception {
        for (String regex : new String[] {"(a)\\\\1", "foo(?=bar)", "(?<!x)y"}) {
            Path file = Files.writeString(dir.resolve("bad.yaml"), """
                    name: bad
                    steps:
                      - check: {that: "x", matches: "%s"}
                    """.formatted(regex));
            RunbookReader.Result read = RunbookCatalog.load(file.toString());

            assertFalse(read.valid(), regex);
            assertTrue(read.problems().toString().contains("is not a regular expression"), read.problems().toString());
        }
    }

    @Test
    void aStepThatTimesOutWhereInterruptionCannotReachItDoesNotHoldTheRunBack() throws Exception {
        long start = System.nanoTime();
        RunResult result = run("""
                name: frozen
                steps:
                  - id: frozen
                    probe: event-processor-logs
                    timeout: 500ms
                """);
        long tookMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();

        assertEquals(List.of("frozen=failed"), outcomes(result));
        assertTrue(result.steps().get(0).detail().startsWith("timed out after 500ms"), result.steps().get(0).detail());
        assertTrue(tookMillis < 3000, "the run waited " + tookMillis + " ms for a step it had given up on");
    }

    @Test
    void aDiagnoseStepExposesTheVerdictToTheChecksAfterIt() throws Exception {
        io.cloudscale.core.diagnosis.Diagnosis.Verdict verdict = new io.cloudscale.core.diagnosis.Diagnosis.Verdict(
                io.cloudscale.core.diagnosis.Diagnosis.Kind.CAUSE, "broker-down", "the queue broker is down", false, 0.9, true,
                List.of(), List.of(), List.of("docker compose up -d rabbitmq"), List.of(), List.of());
        io.cloudscale.core.diagnosis.Diagnosis diagnosis = new io.cloudscale.core.diagnosis.Diagnosis("zero-events", "Dashboard shows 0 events",
                List.of(new io.cloudscale.core.diagnosis.Diagnosis.PathStep("broker-answers", "Does the queue broker answer?", "queue-depth",
                        io.cloudscale.core.diagnosis.Diagnosis.Answer.NO, "?", List.of(), "Connection refused")),
                verdict, List.of(), List.of(), Map.of(), Duration.ZERO);
        List<String> asked = new ArrayList<>();
        RunbookEngine.Observer stack = new RunbookEngine.Observer() {
            @Override
            public Observation<?> observe(String probe, Duration window) throws InterruptedException {
                return scripted(probe, window);
            }

            @Override
            public io.cloudscale.core.diagnosis.Diagnosis diagnose(String tree, Duration window) {
                asked.add(tree + " over " + window.toSeconds() + "s");
                return diagnosis;
            }
        };
        RunbookEngine engine = new RunbookEngine(stack, null, question -> Optional.empty(), (runbook, step) -> { },
                new RunbookEngine.Options(false, false, false, dir.resolve("journal.jsonl")), Map.of());

        RunResult result = engine.run(runbook("""
                name: diagnosed
                steps:
                  - id: d
                    diagnose: zero-events
                    with: {window: 3s}
                  - id: named
                    check: {that: "${steps.d.value.verdict.cause}", equals: broker-down}
                  - id: healthy
                    check: {that: "${steps.d.value.verdict.kind}", equals: HEALTHY}
                """), Map.of());

        assertEquals(List.of("zero-events over 3s"), asked);
        assertEquals(List.of("d=passed", "named=passed", "healthy=failed"), outcomes(result));
        assertEquals("verdict broker-down", result.steps().get(0).detail());
        assertTrue(result.steps().get(0).evidence().contains("Does the queue broker answer? no"), result.steps().get(0).evidence().toString());
    }

    @Test
    void aDiagnoseStepNamesOnlyAKnownTree() throws Exception {
        Path file = Files.writeString(dir.resolve("tree.yaml"), "name: tree\nsteps:\n  - diagnose: everything\n");

        RunbookReader.Result read = RunbookCatalog.load(file.toString());

        assertFalse(read.valid());
        assertTrue(read.problems().toString().contains("no diagnosis named 'everything'; known: zero-events"), read.problems().toString());
    }
}
