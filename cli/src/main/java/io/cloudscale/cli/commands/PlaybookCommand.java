package io.cloudscale.cli.commands;

import io.cloudscale.cli.Session;
import io.cloudscale.cli.SessionCommand;
import io.cloudscale.cli.render.PlaybookView;
import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.ExitCode;
import io.cloudscale.playbooks.runbook.JUnitReport;
import io.cloudscale.playbooks.runbook.Playbooks;
import io.cloudscale.playbooks.runbook.RunResult;
import io.cloudscale.playbooks.runbook.RunbookEngine;
import io.cloudscale.playbooks.runbook.RunbookReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "playbook", description = {"Runbooks as files: procedures an SRE writes in YAML (playbooks/FORMAT.md) and the tool validates, plans and runs, step by step, with a journal.",
        "The built-ins (zero-events, ports, cosmos-cert, load-shedding) are runbooks too."},
        subcommands = {PlaybookCommand.ListRunbooks.class, PlaybookCommand.Validate.class, PlaybookCommand.Run.class, PlaybookCommand.New.class})
public final class PlaybookCommand extends SessionCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new CloudscaleException.Usage("say what to do: list, validate FILE, run NAME|FILE, or new NAME", "cloudscale playbook --help");
    }

    static Playbooks playbooks(Session session) {
        return new Playbooks(session.targetSession());
    }

    @Command(name = "list", description = "The built-in runbooks: name, tags, what each is for.")
    public static final class ListRunbooks extends SessionCommand implements Callable<Integer> {

        @Override
        public Integer call() {
            var runbooks = playbooks(session).builtIns();
            if (session.printer().json()) {
                session.printer().document("playbooks", runbooks.stream().map(PlaybookView.Listed::of).toList());
            } else {
                PlaybookView.list(session.printer(), runbooks);
            }
            return ExitCode.HEALTHY.code();
        }
    }

    @Command(name = "validate", description = {"Check a runbook file (or a built-in by name), and every runbook it runs, without running anything.",
            "One line per problem, as FILE:LINE:COLUMN: what is wrong. Exit 0 valid, 1 not."})
    public static final class Validate extends SessionCommand implements Callable<Integer> {

        @Parameters(paramLabel = "FILE|NAME")
        String reference;

        @Override
        public Integer call() {
            RunbookReader.Result result = playbooks(session).validate(reference);
            if (session.printer().json()) {
                session.printer().document("playbook-validation", new PlaybookView.Validation(reference, result.valid(), result.problems()));
            } else {
                PlaybookView.validation(session.printer(), reference, result);
            }
            return (result.valid() ? ExitCode.HEALTHY : ExitCode.PROBLEM).code();
        }
    }

    @Command(name = "run", description = {"Validate, then run a runbook: each step within its deadline, journalled as a JSON line as it ends.",
            "--dry-run plans (resolves inputs, shows each action's plan) and changes nothing. ask steps and actions need a terminal to confirm on, or --yes. Exit 0 every step passed, 1 a step failed, 2 the runbook or an input is invalid, 3 no engine."})
    public static final class Run extends SessionCommand implements Callable<Integer> {

        @Parameters(paramLabel = "NAME|FILE", description = "A built-in's name, or a runbook file.")
        String reference;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "An input's value (repeatable).")
        Map<String, String> inputs = new LinkedHashMap<>();

        @Option(names = "--dry-run", description = "Plan only: run no probe, action, command or question.")
        boolean dryRun;

        @Option(names = "--yes", description = "Answer yes to ask steps and actions (what a script must say to let them act).")
        boolean yes;

        @Option(names = "--allow-shell", description = "Let the runbook's shell steps run (it must declare requires: {shell: true} too).")
        boolean allowShell;

        @Option(names = "--junit", paramLabel = "FILE", description = "Also write the run as JUnit XML, for CI to gate on.")
        Path junit;

        @Option(names = "--journal", paramLabel = "FILE", description = "Where each step is journalled (default ~/.cloudscale/playbook-runs.jsonl).")
        Path journal;

        @Override
        public Integer call() throws IOException {
            if (inputs.containsKey("")) {
                throw new CloudscaleException.Usage("--set '=" + inputs.get("") + "' is not KEY=VALUE: the input's name is missing", null);
            }
            ReportFile.checkWritable("--junit", junit);
            Playbooks playbooks = playbooks(session);
            RunbookEngine.Options options = new RunbookEngine.Options(dryRun, yes, allowShell, journal != null ? journal : playbooks.defaultJournal());
            playbooks.interruptedRuns(options).forEach(session.printer()::error);
            PlaybookView view = new PlaybookView(session.printer());
            RunResult result = playbooks.run(reference, inputs, options, this::confirm, view::step);
            if (session.printer().json()) {
                session.printer().document("playbook-run", result);
            } else {
                view.summary(result);
            }
            if (junit != null) {
                ReportFile.write(junit, JUnitReport.xml(result));
            }
            return (result.passed() ? ExitCode.HEALTHY : ExitCode.PROBLEM).code();
        }

        private Optional<Boolean> confirm(String question) {
            return io.cloudscale.cli.YesNo.ask(session.context(), question);
        }
    }

    @Command(name = "new", description = "Write a commented skeleton runbook, NAME.yaml (or --file FILE; - for stdout). Never overwrites.")
    public static final class New extends SessionCommand implements Callable<Integer> {

        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--file", paramLabel = "FILE", description = "Where to write it (default NAME.yaml here; - for stdout).")
        String output;

        @Override
        public Integer call() throws IOException {
            String skeleton = Playbooks.skeleton(name);
            if ("-".equals(output)) {
                session.context().out().print(skeleton);
                session.context().out().flush();
                return ExitCode.HEALTHY.code();
            }
            Path file = Path.of(output != null ? output : name + ".yaml");
            if (Files.exists(file)) {
                throw new CloudscaleException.Usage(file + " exists; not overwriting it", "pick another --file");
            }
            Files.writeString(file, skeleton);
            session.printer().line("wrote %s; next: cloudscale playbook validate %s, then cloudscale playbook run %s --dry-run".formatted(file, file, file));
            return ExitCode.HEALTHY.code();
        }
    }
}
