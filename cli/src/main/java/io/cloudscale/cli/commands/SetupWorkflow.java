package io.cloudscale.cli.commands;

import io.cloudscale.cli.Session;
import io.cloudscale.cli.YesNo;
import io.cloudscale.cli.render.Printer;
import io.cloudscale.cli.render.SetupView;
import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.ExitCode;
import io.cloudscale.stack.setup.Setup;
import io.cloudscale.stack.setup.SetupPlan;
import io.cloudscale.stack.setup.SetupPurpose;
import java.util.ArrayList;
import java.util.List;

/** Setup's one workflow (look, plan, confirm, apply, verify), for `setup`, `doctor --fix` and up's and drill's offer. */
public final class SetupWorkflow {

    private final Session session;

    public SetupWorkflow(Session session) {
        this.session = session;
    }

    /** Exit 0 when the machine is ready at the end, 1 when it is not or a person must act. */
    public int run(SetupPurpose purpose, boolean yes, boolean dryRun) {
        Printer printer = session.printer();
        Setup setup = session.setup();
        printer.progress("looking at this machine…");
        SetupPlan plan = setup.plan(purpose);
        SetupView view = new SetupView(printer);
        if (!printer.json()) {
            view.plan(plan);
        }
        if (plan.ready()) {
            return finish(SetupView.Document.planned(plan, dryRun, "nothing to do: this machine is ready"), view);
        }
        if (plan.steps().isEmpty()) {
            return finish(SetupView.Document.planned(plan, dryRun, "setup cannot do this itself: run the commands above"), view);
        }
        if (dryRun) {
            return finish(SetupView.Document.planned(plan, true, "dry run: nothing was changed"), view);
        }
        if (!yes) {
            boolean confirmed = YesNo.ask(session.context(), "Apply these %d step(s)?".formatted(plan.steps().size()))
                    .orElseThrow(() -> new CloudscaleException.ProblemFound("setup not applied: stdin is not a terminal to confirm on",
                            "rerun with --yes to apply, or --dry-run to see the plan only"));
            if (!confirmed) {
                return finish(SetupView.Document.planned(plan, false, "not applied"), view);
            }
        }
        List<Setup.Applied> applied = new ArrayList<>();
        setup.apply(plan, step -> {
            applied.add(step);
            if (!printer.json()) {
                view.applied(step);
            }
        });
        Setup.Verification verification = setup.verify(purpose);
        if (!printer.json()) {
            view.verification(verification);
        }
        return finish(SetupView.Document.applied(plan, applied, verification), view);
    }

    /** Stops what setup started; exit 0 when nothing it started still runs. */
    public int undo(boolean dryRun) {
        Printer printer = session.printer();
        List<Setup.Stopped> stopped = session.setup().undo(dryRun);
        SetupView.Document document = SetupView.Document.undone(stopped, dryRun);
        if (printer.json()) {
            printer.document("setup", document);
        } else {
            SetupView view = new SetupView(printer);
            view.undone(stopped, dryRun);
            view.outcome(document);
        }
        return (document.ready() ? ExitCode.HEALTHY : ExitCode.PROBLEM).code();
    }

    private int finish(SetupView.Document document, SetupView view) {
        if (session.printer().json()) {
            session.printer().document("setup", document);
        } else {
            view.outcome(document);
        }
        return (document.ready() ? ExitCode.HEALTHY : ExitCode.PROBLEM).code();
    }
}
