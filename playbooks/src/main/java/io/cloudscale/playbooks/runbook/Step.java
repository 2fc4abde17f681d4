package io.cloudscale.playbooks.runbook;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One step of a runbook.
 *
 * @param target what the kind acts on: the probe, diagnosis, action or runbook name, the question, or (shell) null
 * @param command shell's argument list; empty for every other kind
 * @param condition check's condition, or wait's {@code until}
 * @param with arguments (probe, action) or inputs (run); values may hold ${...} references
 */
public record Step(String id, Kind kind, String title, String target, List<String> command, Condition condition,
                   Map<String, Object> with, Condition when, Duration timeout, int retries, OnFailure onFailure,
                   Duration interval, int line, int column) {

    public Step {
        command = List.copyOf(command);
        with = Map.copyOf(with);
    }

    /** What a step does, and what each kind of step knows of itself: its timeout, its title, whether it acts, what it takes. */
    public enum Kind {
        PROBE(Duration.ofSeconds(90), false, true, step -> "observe " + step.target()),
        DIAGNOSE(Duration.ofSeconds(120), false, true, step -> "diagnose " + step.target()),
        CHECK(Duration.ofSeconds(5), false, false, step -> "check"),
        ACTION(Duration.ofMinutes(5), true, true, Step::target),
        WAIT(Duration.ofSeconds(60), false, true, step -> "wait" + (step.target() == null ? "" : " on " + step.target())),
        ASK(Duration.ofMinutes(30), false, false, step -> "ask"),
        RUN(Duration.ofMinutes(30), false, true, step -> "run " + step.target()),
        SHELL(Duration.ofSeconds(60), true, false, step -> String.join(" ", step.command()));

        private final Duration defaultTimeout;
        private final boolean acts;
        private final boolean takesArguments;
        private final Function<Step, String> title;

        Kind(Duration defaultTimeout, boolean acts, boolean takesArguments, Function<Step, String> title) {
            this.defaultTimeout = defaultTimeout;
            this.acts = acts;
            this.takesArguments = takesArguments;
            this.title = title;
        }

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** How long a step of this kind may take when its runbook gives no timeout. */
        Duration defaultTimeout() {
            return defaultTimeout;
        }

        /** True for the kinds that change something (an action, a shell command): their intent is journalled first. */
        boolean acts() {
            return acts;
        }

        /** True for the kinds that take arguments or inputs under {@code with}. */
        boolean takesArguments() {
            return takesArguments;
        }

        /** The title a step of this kind has when its runbook gives none. */
        String title(Step step) {
            return title.apply(step);
        }
    }

    /** The runbook's title for the step, or its kind's. */
    public String displayTitle() {
        return title != null ? title : kind.title(this);
    }

    /** Its own timeout, or its kind's. */
    public Duration deadline() {
        return timeout != null ? timeout : kind.defaultTimeout();
    }

    public enum OnFailure {
        STOP, CONTINUE, ROLLBACK
    }
}
