package io.cloudscale.cli.commands;

import io.cloudscale.cli.Session;
import io.cloudscale.cli.SessionCommand;
import io.cloudscale.cli.render.PortReportView;
import io.cloudscale.cli.render.Printer;
import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.ExitCode;
import io.cloudscale.core.action.Interrupted;
import io.cloudscale.core.action.Journal;
import io.cloudscale.probes.ports.PortReport;
import io.cloudscale.stack.ports.PortService;
import io.cloudscale.stack.ports.RepairPlan;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ports", description = {"Find and clear whoever holds the stack's host ports, zombie claims included."},
        subcommands = {PortsCommand.Check.class, PortsCommand.Fix.class})
public final class PortsCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "say `ports check` or `ports fix`");
    }

    static List<Integer> validated(List<Integer> ports) {
        for (int port : ports) {
            if (port < 1 || port > 65535) {
                throw new CloudscaleException.Usage("port " + port + " is not between 1 and 65535", null);
            }
        }
        return ports.stream().distinct().toList();
    }

    static PortService service(Session session) {
        return session.stackSession().ports();
    }

    @Command(name = "check", description = {"Name every holder of each port, with evidence.",
            "Default ports: every host port the stack publishes (8080 8081 8082 when no compose file is found).",
            "Exit 0 when all are free (or held by this stack's own running services), 1 when one is held."})
    public static final class Check extends SessionCommand implements Callable<Integer> {

        @Parameters(paramLabel = "PORT", arity = "0..*", description = "Host ports to check.")
        List<Integer> ports = List.of();

        @Option(names = "--ask-engine", description = "Also ask the engine to publish ports that look free (finds leaked allocator claims; starts a throw-away container per port).")
        boolean askEngine;

        @Override
        public Integer call() {
            try (PortService service = service(session)) {
                PortReport report = service.check(validated(ports), askEngine);
                if (session.printer().json()) {
                    session.printer().document("ports-check", report);
                } else {
                    PortReportView.render(session.printer(), report);
                }
                return (report.anyHeld() ? ExitCode.PROBLEM : ExitCode.HEALTHY).code();
            }
        }
    }

    @Command(name = "fix", description = {"Plan and apply the least destructive repair for each held port.",
            "Removes this stack's orphaned containers, force-disconnects stale endpoints and prunes the",
            "project's unused networks; stops another project's container only with --force; otherwise",
            "remaps the stack's host port in its .env. Every step goes to ~/.cloudscale/journal.jsonl,",
            "and the ports are checked again afterwards."})
    public static final class Fix extends SessionCommand implements Callable<Integer> {

        record FixView(PortReport before, RepairPlan plan, List<PortService.AppliedStep> applied, PortReport after,
                       boolean applyRequested, boolean verified) {
        }

        @Parameters(paramLabel = "PORT", arity = "0..*", description = "Host ports to fix (default: the stack's).")
        List<Integer> ports = List.of();

        @Option(names = "--dry-run", description = "Print the plan; change nothing.")
        boolean dryRun;

        @Option(names = {"-y", "--yes"}, description = "Apply without asking (required when stdin is not a terminal).")
        boolean yes;

        @Option(names = "--force", description = "Also stop (never kill) containers of other compose projects that hold a port.")
        boolean force;

        @Override
        public Integer call() throws IOException {
            Printer printer = session.printer();
            List<Integer> requested = validated(ports);
            try (PortService service = service(session)) {
                List<Interrupted> unfinished = service.interrupted();
                unfinished.forEach(open -> printer.error(open.describe()));
                PortService.Prepared repair = service.prepare(requested, false, force);
                PortReport before = repair.before();
                if (!before.anyHeld()) {
                    if (!dryRun && requested.isEmpty()) {
                        service.settled(unfinished, "ports fix");
                    }
                    return finish(new FixView(before, new RepairPlan(List.of(), List.of()), List.of(), null, false, true), "nothing to fix: no port is held");
                }
                RepairPlan plan = repair.plan();
                if (!printer.json()) {
                    PortReportView.render(printer, before);
                    renderPlan(printer, plan);
                }
                if (plan.empty()) {
                    return finish(new FixView(before, plan, List.of(), null, false, false), "no repair cloudscale may make: see the notes");
                }
                if (dryRun) {
                    return finish(new FixView(before, plan, List.of(), null, false, false), "dry run: nothing was changed");
                }
                if (!confirmed(plan)) {
                    return finish(new FixView(before, plan, List.of(), null, false, false), "not applied");
                }
                PortService.FixResult result = service.apply(repair, "ports fix");
                if (!printer.json()) {
                    for (PortService.AppliedStep step : result.applied()) {
                        printer.line("%s %s".formatted(printer.symbol(step.ok() ? io.cloudscale.core.Status.OK : io.cloudscale.core.Status.FAIL), step.result()));
                    }
                    printer.line("checked again:");
                    PortReportView.render(printer, result.verification());
                }
                return finish(new FixView(before, plan, result.applied(), result.verification(), true, result.verified()),
                        result.verified() ? "fixed; journal: " + Journal.inHome(session.context().home()).file()
                                : "not fixed; journal: " + Journal.inHome(session.context().home()).file());
            }
        }

        private boolean confirmed(RepairPlan plan) {
            if (yes) {
                return true;
            }
            return io.cloudscale.cli.YesNo.ask(session.context(), "Apply these %d step(s)?".formatted(plan.steps().size()))
                    .orElseThrow(() -> new CloudscaleException.ProblemFound("fix not applied: stdin is not a terminal to confirm on",
                            "rerun with --yes to apply, or --dry-run to see the plan only"));
        }

        private int finish(FixView view, String message) {
            if (session.printer().json()) {
                session.printer().document("ports-fix", view);
            } else {
                session.printer().line(message);
            }
            return (view.verified() ? ExitCode.HEALTHY : ExitCode.PROBLEM).code();
        }

        private static void renderPlan(Printer printer, RepairPlan plan) {
            printer.line(printer.bold("plan:"));
            int number = 1;
            for (RepairPlan.Step step : plan.steps()) {
                printer.line("  %d. %s".formatted(number++, step.description()));
                printer.line("     " + printer.dim("why: " + step.reason()));
                step.evidence().forEach(line -> printer.line("     " + printer.dim("evidence: " + line)));
            }
            plan.notes().forEach(note -> printer.line("  " + printer.dim("note: " + note)));
        }
    }
}
