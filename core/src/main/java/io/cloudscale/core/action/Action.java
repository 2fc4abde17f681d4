package io.cloudscale.core.action;

import java.util.List;

/**
 * One repair step. It can say what it will do and why before doing anything (the plan and
 * --dry-run show exactly this), and it reports what happened when applied. Implementations
 * change only the resource they name.
 */
public interface Action {

    /** A stable verb for scripts and the journal: remove-container, remap-port, ... */
    String kind();

    /** What it acts on: a container name, network/endpoint, file and variable. */
    String target();

    /** One line a person reads in the plan. */
    String description();

    /** Why this is the least destructive step that clears the problem. */
    String reason();

    /** The observations that justify it, as seen before applying. */
    List<String> evidence();

    /** Does it; throws when it could not, leaving what it touched as the message says. */
    Outcome apply() throws Exception;

    record Outcome(String detail) {
    }
}
