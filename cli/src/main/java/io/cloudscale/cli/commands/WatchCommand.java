package io.cloudscale.cli.commands;

import io.cloudscale.cli.Session;
import io.cloudscale.cli.SessionCommand;
import io.cloudscale.cli.render.LiveWatchScreen;
import io.cloudscale.cli.render.WatchView;
import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.ExitCode;
import io.cloudscale.core.diagnosis.Diagnosis;
import io.cloudscale.playbooks.rca.Diagnostician;
import io.cloudscale.stack.lifecycle.GatewayStatusTally;
import io.cloudscale.stack.lifecycle.PipelineWatch;
import io.cloudscale.probes.signals.ServiceState;
import io.cloudscale.stack.lifecycle.StackLifecycle;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "watch", description = {"A live view of the pipeline, refreshed every second: requests per second at the gateway", "with their outcomes (2xx, 429, 503, other errors), events stored and their rate, the queue's depth and trend, dead letters, the circuit, each service's state. On a terminal: q quits, d runs `diagnose` on the spot. Elsewhere: one line per refresh. Exit 3 when the stack is not running."})
public final class WatchCommand extends SessionCommand implements Callable<Integer> {

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s", description = "Time between refreshes (default ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--count", paramLabel = "N", description = "Stop after N refreshes (default: until q or Ctrl-C).")
    Integer count;

    @Override
    public Integer call() throws Exception {
        if (interval.toMillis() < 100) {
            throw new CloudscaleException.Usage("--interval must be at least 100ms", null);
        }
        try (StackLifecycle lifecycle = session.lifecycle()) {
            Map<String, ServiceState> states = lifecycle.runningServices();
            ServiceState gateway = states.get("gateway");
            try (GatewayStatusTally tally = gateway == null ? GatewayStatusTally.detached()
                    : GatewayStatusTally.follow(lifecycle.engine(), gateway.containerId(), Clock.systemUTC().instant())) {
                PipelineWatch watch = new PipelineWatch(lifecycle.pipelineReadings(states),
                        tally, () -> lifecycle.view().services());
                if (session.context().stdoutIsTerminal() && !session.printer().json()) {
                    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
                        new LiveWatchScreen(terminal, session.project(), this::diagnose).run(watch, interval, count);
                        return ExitCode.HEALTHY.code();
                    }
                }
                return lines(watch, interval);
            }
        }
    }

    private int lines(PipelineWatch watch, Duration every) throws InterruptedException {
        watch.tick();
        for (int tick = 0; count == null || tick < count; tick++) {
            Thread.sleep(every.toMillis());
            PipelineWatch.Frame frame = watch.tick();
            if (session.printer().json()) {
                session.printer().document("watch", frame);
            } else {
                session.printer().line(WatchView.line(frame));
            }
        }
        return ExitCode.HEALTHY.code();
    }

    private String diagnose() {
        try {
            Diagnosis result = new Diagnostician(session.stackSession()).diagnose("zero-events", Duration.ofSeconds(5));
            Diagnosis.Verdict verdict = result.verdict();
            return "diagnosis: " + verdict.title() + " (%.0f%%)".formatted(verdict.confidence() * 100)
                    + (verdict.fix().isEmpty() ? "" : " — fix: " + verdict.fix().getFirst());
        } catch (Exception e) {
            return "diagnosis failed: " + e.getMessage();
        }
    }
}
