package io.cloudscale.playbooks.load;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** Runs a plan's stages one after the other and reads the recorder once a second into the run's timeline. */
public final class LoadTest {

    /** Told about each second as it ends, from the test's own timer thread. */
    public interface Listener {
        void second(SecondSample sample, int stage, int stages);
    }

    /** A stage's last interval shorter than this is merged into the second before it. */
    private static final long SHORTEST_SAMPLE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final Clock clock;

    public LoadTest(Clock clock) {
        this.clock = clock;
    }

    public LoadReport run(LoadPlan plan, Listener listener) throws InterruptedException {
        LoadRecorder recorder = new LoadRecorder();
        List<StageReport> stages = new ArrayList<>();
        List<SecondSample> timeline = new ArrayList<>();
        Histogram all = new Histogram(LoadRecorder.HIGHEST_MICROS, 3);
        Instant startedAt;
        long runStart;
        long warmupAccepted = 0;
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "load-timer");
            thread.setDaemon(true);
            return thread;
        });
        try (HttpLoadGenerator generator = new HttpLoadGenerator(plan)) {
            generator.connect();
            if (!plan.warmup().isZero()) {
                LoadRecorder warmup = new LoadRecorder();
                generator.run(new Stage(plan.stages().getFirst().rate(), plan.warmup()), warmup);
                warmupAccepted = warmup.read().counts().accepted();
            }
            startedAt = clock.instant();
            runStart = System.nanoTime();
            for (int i = 0; i < plan.stages().size(); i++) {
                Stage stage = plan.stages().get(i);
                StageTally tally = new StageTally(stage, runStart, recorder, timeline, listener, i, plan.stages().size());
                long stageStart = System.nanoTime();
                tally.begin(stageStart);
                ScheduledFuture<?> ticks = timer.scheduleAtFixedRate(tally::tick, 1, 1, TimeUnit.SECONDS);
                generator.run(stage, recorder);
                ticks.cancel(false);
                StageReport report = tally.close(System.nanoTime() - stageStart);
                stages.add(report);
                all.add(tally.latency);
            }
        } finally {
            timer.shutdownNow();
        }
        long sent = stages.stream().mapToLong(StageReport::sent).sum();
        long unsent = stages.stream().mapToLong(StageReport::unsent).sum();
        StatusCounts totals = stages.stream().map(StageReport::counts).reduce(StatusCounts.NONE, StatusCounts::plus);
        return new LoadReport(plan.target().toString(), plan.connections(), plan.timeout().toMillis(), plan.warmup().toMillis() / 1000.0, warmupAccepted, startedAt,
                round((System.nanoTime() - runStart) / 1e9), sent, unsent, totals, Latency.of(all), stages, timeline, null);
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /** One stage's sums, fed by the timer each second and once more when the stage is over. */
    private static final class StageTally {
        private final Stage stage;
        private final long runStart;
        private final LoadRecorder recorder;
        private final List<SecondSample> timeline;
        private final Listener listener;
        private final int index;
        private final int stages;
        private final Histogram latency = new Histogram(LoadRecorder.HIGHEST_MICROS, 3);
        private StatusCounts counts = StatusCounts.NONE;
        private long sent;
        private long unsent;
        private long lastRead;
        private Histogram lastLatency;
        private boolean closed;

        StageTally(Stage stage, long runStart, LoadRecorder recorder, List<SecondSample> timeline, Listener listener, int index, int stages) {
            this.stage = stage;
            this.runStart = runStart;
            this.recorder = recorder;
            this.timeline = timeline;
            this.listener = listener;
            this.index = index;
            this.stages = stages;
        }

        synchronized void begin(long now) {
            lastRead = now;
        }

        /** The timer's read of the last second; nothing once the stage is closed (a tick can lose the race with close). */
        synchronized void tick() {
            if (!closed) {
                read(false);
            }
        }

        private void read(boolean last) {
            long now = System.nanoTime();
            LoadRecorder.Interval interval = recorder.read();
            sent += interval.sent();
            unsent += interval.unsent();
            counts = counts.plus(interval.counts());
            latency.add(interval.latency());
            SecondSample previous = timeline.isEmpty() || lastLatency == null ? null : timeline.getLast();
            if (last && previous != null && now - lastRead < SHORTEST_SAMPLE_NANOS) {
                // a sliver at the stage's end would read as a burst or a gap per second: it joins the second before
                lastLatency.add(interval.latency());
                timeline.set(timeline.size() - 1, new SecondSample(round((now - runStart) / 1e9), round(previous.seconds() + (now - lastRead) / 1e9),
                        stage.rate(), previous.sent() + interval.sent(), previous.unsent() + interval.unsent(),
                        previous.counts().plus(interval.counts()), Latency.of(lastLatency)));
                lastRead = now;
                return;
            }
            SecondSample sample = new SecondSample(round((now - runStart) / 1e9), round((now - lastRead) / 1e9), stage.rate(),
                    interval.sent(), interval.unsent(), interval.counts(), Latency.of(interval.latency()));
            lastRead = now;
            lastLatency = interval.latency();
            timeline.add(sample);
            listener.second(sample, index, stages);
        }

        synchronized StageReport close(long elapsedNanos) {
            read(true);
            closed = true;
            double seconds = stage.duration().toNanos() / 1e9;
            return new StageReport(stage.rate(), round(elapsedNanos / 1e9), sent, unsent, round(sent / seconds),
                    round(counts.accepted() / seconds), counts, round(counts.successRatio() * 1e6) / 1e6, Latency.of(latency));
        }
    }
}
