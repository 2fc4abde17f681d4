package io.cloudscale.stack.setup;

import io.cloudscale.core.action.Journal;
import io.cloudscale.core.action.Repair;
import io.cloudscale.core.check.CheckReport;
import io.cloudscale.probes.docker.DockerHost;
import io.cloudscale.probes.host.HostProcesses;
import io.cloudscale.probes.process.CommandRunner;
import io.cloudscale.stack.doctor.EnvironmentDoctor;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Makes this machine ready for the tool, the stack and (with {@link SetupPurpose#TESTS}) the test suite: looks,
 * plans, applies the plan step by step into the fix journal, and verifies with the survey again and the same
 * checks as {@code doctor}. {@link #undo} stops what it started, by the pids it recorded, and nothing else.
 */
public final class Setup {

    /** What one applied step did. */
    public record Applied(String kind, String title, boolean ok, boolean changed, String result) {
    }

    /** The machine after the plan: the survey's plan again (empty when ready) and doctor's report. */
    public record Verification(SetupPlan remaining, CheckReport doctor) {
        public boolean ready() {
            return remaining.ready() && !doctor.blocking();
        }
    }

    /** What undo did about one thing setup had started. */
    public record Stopped(String what, long pid, String unit, boolean ok, String result) {
    }

    private final MachineSurvey survey;
    private final SetupPlanner planner;
    private final SetupActions actions;
    private final Supplier<EnvironmentDoctor> doctor;
    private final Journal journal;
    private final StartedBySetup started;
    private final ProcessStopper stopper;

    public Setup(Map<String, String> environment, DockerHost dockerHost, Path home, Supplier<EnvironmentDoctor> doctor, Clock clock) {
        this(new MachineSurvey(environment, dockerHost, Path.of("/"), new CommandRunner()), environment, dockerHost, home, doctor, clock);
    }

    /** With a survey of the caller's: a test points it at a PATH and a root of its own. */
    public Setup(MachineSurvey survey, Map<String, String> environment, DockerHost dockerHost, Path home,
                 Supplier<EnvironmentDoctor> doctor, Clock clock) {
        Path stateDir = home.resolve(".cloudscale");
        CommandRunner runner = new CommandRunner();
        HostProcesses processes = new HostProcesses();
        this.survey = survey;
        this.planner = new SetupPlanner(stateDir.resolve("dockerd.log").toString());
        this.started = new StartedBySetup(home, clock);
        this.actions = new SetupActions(environment, dockerHost, stateDir, runner, processes, started);
        this.doctor = doctor;
        this.journal = new Journal(stateDir.resolve("journal.jsonl"), clock);
        this.stopper = new ProcessStopper(processes, runner, environment);
    }

    public SetupPlan plan(SetupPurpose purpose) {
        return planner.plan(survey.survey(purpose), purpose);
    }

    /** Applies the steps in order into the journal; stops at the first that fails, since the later ones build on it. */
    public List<Applied> apply(SetupPlan plan, Consumer<Applied> progress) {
        List<String> intent = plan.steps().stream().map(SetupStep::title).toList();
        Repair repair = journal.begin("setup", "make this machine ready (" + plan.purpose().name().toLowerCase() + ")", intent);
        List<Applied> applied = new ArrayList<>();
        for (SetupStep step : plan.steps()) {
            Repair.Done done = repair.apply(actions.of(step), List::of);
            Applied one = new Applied(step.kind(), step.title(), done.ok(), done.changed(), done.result());
            applied.add(one);
            progress.accept(one);
            if (!done.ok()) {
                break;
            }
        }
        Verification verification = verify(plan.purpose());
        repair.close("verify", "this machine", "the survey and doctor's checks again", verification.ready(),
                verification.ready() ? "ready" : "not ready",
                verification.doctor().checks().stream().map(check -> check.name() + ": " + check.status() + " " + check.detail()).toList());
        return applied;
    }

    public Verification verify(SetupPurpose purpose) {
        return new Verification(plan(purpose), doctor.get().examine());
    }

    /** What setup started and has not stopped. */
    public List<StartedBySetup.Entry> startedAndRunning() {
        return started.running();
    }

    /** Stops what setup started, newest first (the broker before the engine), each only if it is still the process setup started. */
    public List<Stopped> undo(boolean dryRun) {
        List<StartedBySetup.Entry> running = new ArrayList<>(started.running());
        java.util.Collections.reverse(running);
        List<Stopped> results = new ArrayList<>();
        if (running.isEmpty() || dryRun) {
            running.forEach(entry -> results.add(new Stopped(entry.what(), entry.pid(), entry.unit(), true, "would stop " + stopper.describe(entry))));
            return results;
        }
        Repair repair = journal.begin("setup --undo", "stop what setup started", running.stream().map(stopper::describe).toList());
        for (StartedBySetup.Entry entry : running) {
            Repair.Done done = repair.apply(stopper.action(entry), List::of);
            if (done.ok()) {
                started.stopped(entry);
            }
            results.add(new Stopped(entry.what(), entry.pid(), entry.unit(), done.ok(), done.result()));
        }
        boolean allStopped = results.stream().allMatch(Stopped::ok);
        repair.close("verify", "what setup started", "each process gone or no longer the one setup started", allStopped,
                allStopped ? "nothing setup started runs" : "some still run", results.stream().map(Stopped::result).toList());
        return results;
    }
}
