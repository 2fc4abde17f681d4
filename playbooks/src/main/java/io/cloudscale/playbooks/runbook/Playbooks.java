package io.cloudscale.playbooks.runbook;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.diagnosis.Diagnosis;
import io.cloudscale.core.diagnosis.Observation;
import io.cloudscale.playbooks.StackSession;
import io.cloudscale.playbooks.rca.Diagnostician;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** {@code cloudscale playbook}: list, validate, run and start runbooks, against the session's stack. */
public final class Playbooks {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final StackSession session;

    public Playbooks(StackSession session) {
        this.session = session;
    }

    /** Where every run's steps go unless --journal says otherwise. */
    public Path defaultJournal() {
        return session.home().resolve(".cloudscale/playbook-runs.jsonl");
    }

    /**
     * Runs of this journal a kill (or crash) left with a step in flight, one line each to report; unless
     * this is a dry run, each is journalled as reported so that it is reported once.
     */
    public List<String> interruptedRuns(RunbookEngine.Options options) {
        if (options.journal() == null) {
            return List.of();
        }
        RunJournal journal = new RunJournal(options.journal(), null);
        List<RunJournal.Interrupted> found = journal.interrupted();
        if (!options.dryRun()) {
            found.forEach(journal::reported);
        }
        return found.stream().map(RunJournal.Interrupted::describe).toList();
    }

    public List<Runbook> builtIns() {
        return RunbookCatalog.BUILT_INS.stream().map(name -> RunbookCatalog.load(name).runbook()).toList();
    }

    public RunbookReader.Result validate(String reference) {
        return RunbookCatalog.load(reference);
    }

    /** Validates the whole runbook (and what it runs) first; a runbook with any problem does not start. */
    public RunResult run(String reference, Map<String, String> inputs, RunbookEngine.Options options, RunbookEngine.Confirmer confirmer,
                         RunbookEngine.Listener listener) {
        RunbookReader.Result loaded = validate(reference);
        if (!loaded.valid()) {
            throw new CloudscaleException.Usage(loaded.problems().getFirst() + (loaded.problems().size() > 1
                    ? " (and " + (loaded.problems().size() - 1) + " more)" : ""), "cloudscale playbook validate " + reference);
        }
        Diagnostician diagnostician = new Diagnostician(session);
        RunbookEngine.Observer stack = new RunbookEngine.Observer() {
            @Override
            public Observation<?> observe(String probe, Duration window) throws Exception {
                return diagnostician.probe(probe, window);
            }

            @Override
            public Diagnosis diagnose(String tree, Duration window) throws Exception {
                return diagnostician.diagnose(tree, window);
            }
        };
        RunbookEngine engine = new RunbookEngine(stack, new RunbookActions(session), confirmer, listener, options, session.environment());
        return engine.run(loaded.runbook(), inputs);
    }

    /** A commented skeleton to start a runbook from: valid as it is, every kind of step shown. */
    public static String skeleton(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new CloudscaleException.Usage("'" + name + "' is not a runbook name: lower-case letters, digits and dashes", null);
        }
        return """
                # %1$s: a cloudscale runbook. Reference: playbooks/FORMAT.md. Check it with:
                #   cloudscale playbook validate %1$s.yaml
                # and run it (planning only first) with:
                #   cloudscale playbook run %1$s.yaml --dry-run
                name: %1$s
                description: What this procedure is for, in one line
                version: "1"
                tags: [custom]

                # Values an operator may give with --set NAME=VALUE (types: string, int, number, bool, duration, port).
                inputs:
                  window: {type: duration, default: 10s, description: how long probes watch}

                # Environment variables the steps read as ${env.NAME}; shell: true allows shell steps (the operator
                # must also pass --allow-shell).
                requires:
                  env: []
                  shell: false

                steps:
                  # probe: observe one signal (cloudscale probe --list); its status, value and evidence are then
                  # ${steps.ID.status}, ${steps.ID.value...} and ${steps.ID.evidence}.
                  - id: queue
                    name: the queue over the window
                    probe: queue-depth
                    with: {window: "${inputs.window}"}
                    timeout: 1m

                  # check: a condition over earlier results: equals, not_equals, greater_than, less_than, at_least,
                  # at_most, between [LOW, HIGH], in [..], matches REGEX; path: narrows a value with JsonPath;
                  # all: / any: / not: combine. A failed check stops the run unless on_failure says otherwise.
                  - id: not-growing
                    name: the queue is not growing
                    check: {that: "${steps.queue.value}", path: $.last.active, at_most: "${steps.queue.value.first.active}"}
                    on_failure: continue     # stop (default) | continue | rollback

                  # wait: observe again every interval until a condition holds, or fail at the timeout.
                  # - id: healthy
                  #   wait: container-state
                  #   until: {not: {that: "${steps.healthy.value}", path: "$.services[*].state", not_equals: running}}
                  #   interval: 2s
                  #   timeout: 1m

                  # ask: a person confirms (fails without a terminal unless --yes).
                  # - ask: "Restart the event processor?"

                  # action: a registered fix (ports-fix, restart-service); --dry-run shows its plan only.
                  # - action: restart-service
                  #   with: {service: event-processor}
                  #   when: {that: "${steps.not-growing.outcome}", equals: failed}
                  #   on_failure: rollback

                  # run: another runbook (a built-in name, or a file relative to this one), with its inputs.
                  # - run: zero-events
                  #   with: {window: 10s}

                  # shell: a command as an argument list, no shell in between (needs requires.shell and --allow-shell).
                  # - shell: [docker, ps, --format, "{{.Names}}"]
                  #   retries: 1

                # Steps run, in order, when a step with on_failure: rollback fails.
                rollback: []
                """.formatted(name);
    }
}
