package io.cloudscale.cli.render;

import io.cloudscale.core.Durations;
import io.cloudscale.core.Status;
import io.cloudscale.core.diagnosis.Diagnosis;
import io.cloudscale.core.diagnosis.Prediction;
import io.cloudscale.core.diagnosis.Evidence;

/** The path through the tree (✓ / ✗ / ? per question, with its evidence), the verdict and the fix; --explain adds the reasoning. */
public final class DiagnosisView {

    private DiagnosisView() {
    }

    public static void render(Printer printer, Diagnosis diagnosis, boolean explain) {
        printer.line(printer.bold(diagnosis.title()) + printer.dim("  (%s, %s)".formatted(diagnosis.tree(), Durations.format(diagnosis.duration()))));
        for (Diagnosis.PathStep step : diagnosis.path()) {
            Status status = switch (step.answer()) {
                case UNKNOWN -> Status.UNKNOWN;
                default -> healthyAnswer(step) ? Status.OK : Status.FAIL;
            };
            printer.line("%s %-55s %s".formatted(printer.symbol(status), step.text(), step.answer().name().toLowerCase()));
            for (Evidence evidence : step.evidence()) {
                printer.line("    " + printer.dim(evidence.source() + ": " + evidence.text()));
            }
            if (step.reason() != null) {
                printer.line("    " + printer.dim("could not check: " + step.reason()));
            }
        }
        Diagnosis.Verdict verdict = diagnosis.verdict();
        printer.line("");
        printer.line("%s %s %s".formatted(printer.symbol(verdict.healthy() ? Status.OK : Status.FAIL), printer.bold("verdict: " + verdict.cause()),
                printer.dim("(confidence %.0f%%%s)".formatted(verdict.confidence() * 100, verdict.complete() ? "" : ", partial"))));
        printer.line("  " + verdict.title());
        verdict.ruledOut().forEach(line -> printer.line("  ruled out: " + line));
        for (Prediction.Check check : verdict.predictions()) {
            Status held = switch (check.outcome()) {
                case HELD -> Status.OK;
                case FAILED -> Status.FAIL;
                case UNCHECKED -> Status.UNKNOWN;
            };
            printer.line("  %s predicts %s%s".formatted(printer.symbol(held), check.says(),
                    check.detail() == null ? "" : printer.dim(" (" + check.probe() + ": " + check.detail() + ")")));
        }
        verdict.unchecked().forEach(line -> printer.line("  " + printer.dim("not checked: " + line)));
        if (!verdict.fix().isEmpty()) {
            printer.line(printer.bold(verdict.kind() == Diagnosis.Kind.UNEXPLAINED ? "next:" : "fix:"));
            verdict.fix().forEach(command -> printer.line("  $ " + command));
        }
        if (explain) {
            explain(printer, diagnosis);
        }
    }

    /** A yes to "is it running / arriving / answering" is good news; a yes to "is it growing / open / rejecting" is not. */
    private static boolean healthyAnswer(Diagnosis.PathStep step) {
        boolean yes = step.answer() == Diagnosis.Answer.YES;
        return switch (step.question()) {
            case "queue-growing", "circuit-open", "tls-untrusted", "dead-letters", "api-rejecting", "gateway-5xx" -> !yes;
            default -> yes;
        };
    }

    private static void explain(Printer printer, Diagnosis diagnosis) {
        printer.line("");
        printer.line(printer.bold("causes: prior -> with local history -> given this evidence"));
        for (Diagnosis.Belief belief : diagnosis.beliefs()) {
            printer.line("  %-24s %5.1f%% -> %5.1f%% -> %5.1f%%".formatted(belief.cause(), belief.prior() * 100, belief.posterior() * 100,
                    belief.givenEvidence() * 100));
        }
        printer.line(printer.bold("checks, in the order they started (need = chance the walk asks it; score = need / cost):"));
        for (Diagnosis.ScheduledProbe probe : diagnosis.schedule()) {
            printer.line("  %d. %-22s need %5.1f%%  cost %4.1f  score %.3f  -> %s%s".formatted(probe.order(), probe.probe(), probe.need() * 100,
                    probe.cost(), probe.score(), probe.outcome(), probe.duration() == null ? "" : " in " + Durations.format(probe.duration())));
        }
    }
}
