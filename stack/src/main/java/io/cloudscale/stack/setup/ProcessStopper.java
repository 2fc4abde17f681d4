package io.cloudscale.stack.setup;

import io.cloudscale.core.Poll;
import io.cloudscale.core.action.Action;
import io.cloudscale.probes.host.HostProcesses;
import io.cloudscale.probes.process.CommandResult;
import io.cloudscale.probes.process.CommandRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Stops one thing setup started: a systemd unit through systemctl, a process by SIGTERM while it is still the one setup started. */
final class ProcessStopper {

    /** dockerd stops its containers first (10 s each by default, in parallel); RabbitMQ syncs its queues. */
    static final Duration GRACE = Duration.ofSeconds(45);
    private static final Duration STOP_CHECK_INTERVAL = Duration.ofMillis(200);

    private final HostProcesses processes;
    private final CommandRunner runner;
    private final Map<String, String> environment;

    ProcessStopper(HostProcesses processes, CommandRunner runner, Map<String, String> environment) {
        this.processes = processes;
        this.runner = runner;
        this.environment = Map.copyOf(environment);
    }

    String describe(StartedBySetup.Entry entry) {
        return entry.unit() != null ? "%s (systemd unit %s)".formatted(entry.what(), entry.unit()) : "%s (pid %d)".formatted(entry.what(), entry.pid());
    }

    Action action(StartedBySetup.Entry entry) {
        return new Action() {
            @Override
            public String kind() {
                return "stop-started";
            }

            @Override
            public String target() {
                return describe(entry);
            }

            @Override
            public String description() {
                return entry.unit() != null ? "systemctl stop " + entry.unit() : "SIGTERM to pid " + entry.pid() + ", then wait up to " + GRACE.toSeconds() + " s";
            }

            @Override
            public String reason() {
                return "setup started it (" + entry.at() + ")";
            }

            @Override
            public List<String> evidence() {
                return List.of("recorded: " + entry);
            }

            @Override
            public Outcome apply() throws Exception {
                return entry.unit() != null ? stopUnit(entry.unit()) : stopProcess(entry);
            }
        };
    }

    private Action.Outcome stopUnit(String unit) {
        Optional<Path> systemctl = new Executables(environment.get("PATH")).find("systemctl");
        if (systemctl.isEmpty()) {
            throw new IllegalStateException("systemctl is not on PATH: stop the unit " + unit + " by hand");
        }
        CommandResult result = runner.run(List.of(systemctl.get().toString(), "stop", unit), GRACE);
        if (!result.succeeded()) {
            throw new IllegalStateException("systemctl stop " + unit + " failed: " + result.stderr().strip());
        }
        return new Action.Outcome("stopped the systemd unit " + unit);
    }

    private Action.Outcome stopProcess(StartedBySetup.Entry entry) throws InterruptedException {
        long pid = entry.pid();
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        OptionalLong ticks = processes.startTicks(pid);
        if (handle.isEmpty() || ticks.isEmpty()) {
            return new Action.Outcome(entry.what() + " (pid " + pid + ") had stopped already", false);
        }
        if (entry.startTicks() != 0 && ticks.getAsLong() != entry.startTicks()) {
            return new Action.Outcome("pid %d is another process now (it started later than the %s setup started): not touched".formatted(pid, entry.what()), false);
        }
        handle.get().destroy();
        ProcessHandle process = handle.get();
        boolean stopped = Poll.until(() -> !process.isAlive() || processes.startTicks(pid).isEmpty(), Boolean::booleanValue,
                STOP_CHECK_INTERVAL, GRACE).held();
        if (!stopped) {
            throw new IllegalStateException("%s (pid %d) still runs %d s after SIGTERM: stop it by hand (kill %d)".formatted(entry.what(), pid, GRACE.toSeconds(), pid));
        }
        return new Action.Outcome("stopped %s (pid %d)".formatted(entry.what(), pid));
    }
}
