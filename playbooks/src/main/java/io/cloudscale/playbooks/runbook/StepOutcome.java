package io.cloudscale.playbooks.runbook;

import java.util.List;

/** How a step's one attempt ended: passed or not, a line saying so, and the lines that show it. */
record StepOutcome(boolean passed, String detail, List<String> evidence) {

    static StepOutcome passed(String detail, List<String> evidence) {
        return new StepOutcome(true, detail, evidence);
    }

    static StepOutcome failed(String detail, List<String> evidence) {
        return new StepOutcome(false, detail, evidence);
    }
}
