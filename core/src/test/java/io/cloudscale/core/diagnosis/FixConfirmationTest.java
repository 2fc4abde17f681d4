package io.cloudscale.core.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cloudscale.core.action.JournalEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FixConfirmationTest {

    static final Instant PROBLEM = Instant.parse("2026-11-26T06:00:00Z");
    static final LastVerdict.Entry CERT = new LastVerdict.Entry(PROBLEM, "zero-events", "cosmos-cert-untrusted", false);
    static final Diagnosis.Verdict HEALTHY = new Diagnosis.Verdict(Diagnosis.Kind.HEALTHY, "healthy", "events flow", true, 0.9, true, List.of(), List.of(), List.of(), List.of(), List.of());

    static JournalEntry applied(String action, Instant at, boolean ok) {
        return new JournalEntry(at, "ports fix", action, "target", "why", List.of(), ok, "done", List.of());
    }

    @Test
    void aFixBetweenAProblemAndAHealthyRunConfirmsTheProblem() {
        var outcome = FixConfirmation.of(Optional.of(CERT), HEALTHY, List.of(applied("remap-port", PROBLEM.plusSeconds(60), true)),
                "zero-events", PROBLEM.plusSeconds(120));

        assertEquals(Optional.of(new History.Outcome(PROBLEM.plusSeconds(120), "zero-events", "cosmos-cert-untrusted", FixConfirmation.SOURCE)), outcome);
    }

    @Test
    void withoutAnAppliedFixSinceTheProblemNothingIsLearnt() {
        List<JournalEntry> before = List.of(applied("remap-port", PROBLEM.minusSeconds(60), true));
        List<JournalEntry> failed = List.of(applied("remap-port", PROBLEM.plusSeconds(60), false));
        List<JournalEntry> onlyVerify = List.of(applied("verify", PROBLEM.plusSeconds(60), true));

        for (List<JournalEntry> journal : List.of(before, failed, onlyVerify)) {
            assertEquals(Optional.empty(), FixConfirmation.of(Optional.of(CERT), HEALTHY, journal, "zero-events", PROBLEM.plusSeconds(120)));
        }
    }

    @Test
    void aStillBrokenOrPartialRunConfirmsNothing() {
        List<JournalEntry> journal = List.of(applied("remap-port", PROBLEM.plusSeconds(60), true));
        Diagnosis.Verdict broken = new Diagnosis.Verdict(Diagnosis.Kind.CAUSE, "gateway-down", "down", false, 0.9, true, List.of(), List.of(), List.of("up"), List.of(), List.of());
        Diagnosis.Verdict partial = new Diagnosis.Verdict(Diagnosis.Kind.HEALTHY, "healthy", "flow", true, 0.5, false, List.of("queue"), List.of(), List.of(), List.of(), List.of());

        assertEquals(Optional.empty(), FixConfirmation.of(Optional.of(CERT), broken, journal, "zero-events", PROBLEM.plusSeconds(120)));
        assertEquals(Optional.empty(), FixConfirmation.of(Optional.of(CERT), partial, journal, "zero-events", PROBLEM.plusSeconds(120)));
        assertEquals(Optional.empty(), FixConfirmation.of(Optional.empty(), HEALTHY, journal, "zero-events", PROBLEM.plusSeconds(120)));
    }
}
