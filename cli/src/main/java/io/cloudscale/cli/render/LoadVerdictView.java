package io.cloudscale.cli.render;

import io.cloudscale.core.Status;
import io.cloudscale.playbooks.load.LoadSheddingDiagnosis;
import io.cloudscale.playbooks.load.LoadVerdict;

/** The load-shedding verdict for a person: the verdict in one line, then the evidence it rests on. */
public final class LoadVerdictView {

    private LoadVerdictView() {
    }

    public static void render(Printer printer, LoadSheddingDiagnosis.Result result) {
        LoadVerdict verdict = result.verdict();
        Status status = switch (verdict.kind()) {
            case WITHIN_CAPACITY -> Status.OK;
            case SHEDDING -> Status.WARN;
            case SATURATION, BREAKAGE -> Status.FAIL;
        };
        printer.line(printer.symbol(status) + " " + printer.bold(verdict.kind().id()) + "  " + verdict.summary());
        printer.line(printer.dim("read by " + verdict.basis() + " from " + result.source()));
        verdict.evidence().forEach(line -> printer.line("  - " + line));
    }
}
