package io.cloudscale.playbooks.drill;

import io.cloudscale.core.Durations;
import io.cloudscale.core.Failures;
import io.cloudscale.core.Poll;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs drills against a running, counting stack with clients sending: for each fault, inject it, wait
 * for the dashboard to stop counting, diagnose, compare the verdict with the cause expected, undo it,
 * and check that the stack is healthy and counting again before the next one. The undoing runs whatever
 * happened before it (a failed injection, a wait that timed out, a diagnosis that failed), and how it went
 * is reported.
 */
public final class DrillRunner {

    /** The drill's clients' steady rate: enough for every rate and trend to show within a 10 s window. */
    public static final double CLIENT_RATE = 20;

    /**
     * How long each wait may take, and how often it looks.
     *
     * @param look        how often the dashboard's count is read
     * @param symptomSpan the span over which the count must stall for the symptom to show
     * @param cleanSpan   how long the clients' requests must all be accepted for the stack to count as restored
     * @param rollout     how long one change on a cluster (a scale, a patched env, a rollback) may take to roll out, as compose's re-create
     */
    public record Timing(Duration look, Duration symptomSpan, Duration symptom, Duration healthy, Duration counting, Duration cleanSpan,
                         Duration rollout) {
        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(1), Duration.ofSeconds(6), Duration.ofSeconds(90),
                Duration.ofMinutes(3), Duration.ofSeconds(90), Duration.ofSeconds(3), Duration.ofMinutes(2));

        /** How many looks the clean span holds. */
        int cleanLooks() {
            return (int) Math.max(1, cleanSpan.toMillis() / look.toMillis());
        }
    }

    /** Progress, one line per step, for a person watching. */
    public interface Listener {
        /** How many faults this run will drill, said before anything else. */
        default void running(int faults) {
        }

        void step(String fault, String message);

        default void finished(DrillResult result) {
        }
    }

    private final DrillContext context;
    private final Timing timing;
    private final SymptomWatch symptoms;

    public DrillRunner(DrillContext context) {
        this(context, Timing.DEFAULT);
    }

    public DrillRunner(DrillContext context, Timing timing) {
        this.context = context;
        this.timing = timing;
        this.symptoms = new SymptomWatch(context.stack()::storedCount, () -> context.clients().tally().attempted(),
                timing.symptomSpan(), timing.look());
    }

    public DrillReport run(List<Fault> faults, boolean keepLast, Listener listener) throws InterruptedException {
        return run(faults, List.of(), keepLast, listener);
    }

    /** @param skipped the faults asked for that this target cannot have: reported, never run */
    public DrillReport run(List<Fault> faults, List<DrillReport.Skipped> skipped, boolean keepLast, Listener listener) throws InterruptedException {
        String project = context.stack().project();
        String profile = context.stack().profileName();
        listener.running(faults.size());
        context.clients().start();
        listener.step("baseline", "clients sending %.0f events/s; waiting for the dashboard to count them".formatted(context.clients().rate()));
        String counting = awaitCounting();
        if (counting != null) {
            return new DrillReport(project, profile, List.of(), false, "the stack does not count events before any fault: " + counting
                    + " (run cloudscale diagnose)", context.clients().tally(), skipped);
        }
        List<DrillResult> results = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            boolean keep = keepLast && i == faults.size() - 1;
            DrillResult result = drill(faults.get(i), keep, listener);
            results.add(result);
            listener.finished(result);
        }
        return new DrillReport(project, profile, results, keepLast, null, context.clients().tally(), skipped);
    }

    private DrillResult drill(Fault fault, boolean keep, Listener listener) throws InterruptedException {
        String error = null;
        String symptom = null;
        Finding finding = null;
        try {
            listener.step(fault.id(), "injecting: " + fault.description());
            fault.inject(context);
            if (fault.stopsCounting()) {
                listener.step(fault.id(), "waiting for the dashboard to stop counting");
                SymptomWatch.Symptom seen = symptoms.await(timing.symptom());
                symptom = seen.seen() ? "after " + Durations.format(seen.after()) + ": " + seen.reading()
                        : "not seen in " + Durations.format(seen.after()) + ": " + seen.reading();
            }
            listener.step(fault.id(), "diagnosing; expecting " + fault.expected());
            finding = fault.diagnose(context);
        } catch (InterruptedException e) {
            if (!keep) {
                undoBeforeStopping(fault, listener, e);
            }
            throw e;
        } catch (Exception e) {
            error = Failures.describe(e);
        }
        Boolean restored = null;
        String restoreDetail = "left in place (--keep)";
        if (!keep) {
            listener.step(fault.id(), "restoring");
            try {
                fault.restore(context);
                List<String> notReady = context.stack().awaitHealthy(timing.healthy());
                String counting = notReady.isEmpty() ? awaitCounting() : null;
                restored = notReady.isEmpty() && counting == null;
                restoreDetail = !notReady.isEmpty() ? "not healthy: " + String.join("; ", notReady)
                        : counting != null ? "healthy but not counting: " + counting : "healthy and counting";
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                restored = false;
                restoreDetail = "restore failed: " + Failures.describe(e);
            }
        }
        String diagnosed = finding == null ? null : finding.cause();
        return new DrillResult(fault.id(), fault.description(), fault.expected(), diagnosed, fault.expected().equals(diagnosed), symptom,
                finding == null ? null : finding.timeToVerdict(), finding == null ? List.of() : finding.probes(),
                finding == null ? List.of() : finding.evidence(), restored, restoreDetail, error);
    }

    /**
     * Stopped while the fault is in place: the fault is undone before the drill gives up (without waiting for the stack
     * to be healthy again), and a failed undoing travels with the interruption, never dropped.
     */
    private void undoBeforeStopping(Fault fault, Listener listener, InterruptedException stopped) {
        Thread.interrupted(); // the undoing waits for its own changes; the interruption is raised again below
        listener.step(fault.id(), "stopped: restoring before giving up");
        try {
            fault.restore(context);
        } catch (Exception e) {
            stopped.addSuppressed(new IllegalStateException(fault.id() + " NOT restored: " + Failures.describe(e), e));
        } finally {
            Thread.currentThread().interrupt();
        }
    }

    /** Null once the stack counts again; else what was seen instead. */
    private String awaitCounting() throws InterruptedException {
        return new CountingWatch(context.stack()::storedCount, context.clients()::tally, timing, Clock.systemUTC(), Poll.Ticker.SYSTEM).await();
    }
}
