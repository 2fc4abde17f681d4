package io.cloudscale.stack.setup;

import io.cloudscale.core.Poll;
import io.cloudscale.core.action.Action;
import io.cloudscale.probes.docker.DockerEngine;
import io.cloudscale.probes.docker.DockerHost;
import io.cloudscale.probes.host.HostProcesses;
import io.cloudscale.probes.host.ProcessInfo;
import io.cloudscale.probes.process.CommandResult;
import io.cloudscale.probes.process.CommandRunner;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Each {@link SetupStep} as an {@link Action} the journal records: what it runs, and proof it took. */
final class SetupActions {

    private static final Duration APT_UPDATE_DEADLINE = Duration.ofMinutes(10);
    private static final Duration APT_INSTALL_DEADLINE = Duration.ofMinutes(30);
    private static final Duration ENGINE_START_DEADLINE = Duration.ofSeconds(60);
    private static final Duration BROKER_START_DEADLINE = Duration.ofSeconds(90);
    private static final Duration COMMAND_DEADLINE = Duration.ofSeconds(60);
    private static final Duration CHECK_INTERVAL = Duration.ofMillis(500);

    private final Map<String, String> environment;
    private final DockerHost dockerHost;
    private final Path stateDir;
    private final CommandRunner runner;
    private final HostProcesses processes;
    private final StartedBySetup started;

    SetupActions(Map<String, String> environment, DockerHost dockerHost, Path stateDir, CommandRunner runner,
                 HostProcesses processes, StartedBySetup started) {
        this.environment = Map.copyOf(environment);
        this.dockerHost = dockerHost;
        this.stateDir = stateDir;
        this.runner = runner;
        this.processes = processes;
        this.started = started;
    }

    Action of(SetupStep step) {
        return switch (step) {
            case SetupStep.InstallPackages install -> new StepAction(step, "the packages provide what is missing; apt-get is this system's package manager",
                    () -> installPackages(install));
            case SetupStep.StartEngine engine -> new StepAction(step, "no engine answers at " + dockerHost.uri(), () -> startEngine(engine));
            case SetupStep.StartTestBroker broker -> new StepAction(step, "nothing speaks AMQP on 127.0.0.1:" + TestBroker.PORT,
                    this::startTestBroker);
        };
    }

    private interface Work {
        Action.Outcome run() throws Exception;
    }

    private record StepAction(SetupStep step, String reason, Work work) implements Action {
        @Override
        public String kind() {
            return step.kind();
        }

        @Override
        public String target() {
            return step.title();
        }

        @Override
        public String description() {
            return String.join("; ", step.commands());
        }

        @Override
        public List<String> evidence() {
            return List.of(reason);
        }

        @Override
        public Outcome apply() throws Exception {
            return work.run();
        }
    }

    private Action.Outcome installPackages(SetupStep.InstallPackages install) throws IOException {
        Path log = stateDir.resolve("setup-apt.log");
        String aptGet = program("apt-get");
        Map<String, String> noQuestions = Map.of("DEBIAN_FRONTEND", "noninteractive");
        runLogged(List.of(aptGet, "update", "-q"), APT_UPDATE_DEADLINE, noQuestions, log);
        List<String> command = new ArrayList<>(List.of(aptGet, "install", "-y", "-q", "--no-install-recommends"));
        command.addAll(install.packages());
        runLogged(command, APT_INSTALL_DEADLINE, noQuestions, log);
        if (install.stopsUnwantedService()) {
            runLogged(List.of(program("systemctl"), "disable", "--now", SetupStep.InstallPackages.UNWANTED_SERVICE), COMMAND_DEADLINE, Map.of(), log);
        }
        return new Action.Outcome("installed " + String.join(", ", install.packages()) + " (log " + log + ")");
    }

    private Action.Outcome startEngine(SetupStep.StartEngine step) throws Exception {
        if (engineAnswers()) {
            return new Action.Outcome("an engine answers at " + dockerHost.uri() + " already", false);
        }
        Path log = Path.of(step.log());
        if (step.systemd()) {
            runLogged(List.of(program("systemctl"), "start", "docker"), COMMAND_DEADLINE, Map.of(), log);
            started.started("dockerd", 0, 0, "docker", null);
            awaitOrFail(this::engineAnswers, ENGINE_START_DEADLINE, () -> "systemctl started docker, but no engine answers at " + dockerHost.uri()
                    + " after " + ENGINE_START_DEADLINE.toSeconds() + " s: journalctl -u docker");
            return new Action.Outcome("the docker unit runs; the engine answers at " + dockerHost.uri());
        }
        List<String> command = new ArrayList<>();
        // its own session: a Ctrl-C at the operator's terminal must not stop the engine with the tool
        findProgram("setsid").ifPresent(command::add);
        command.add(program("dockerd"));
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true)
                .start();
        long pid = process.pid();
        started.started("dockerd", pid, processes.startTicks(pid).orElse(0), null, log.toString());
        awaitOrFail(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("dockerd exited with " + process.exitValue() + ": " + tail(log));
            }
            return engineAnswers();
        }, ENGINE_START_DEADLINE, () -> "dockerd (pid " + pid + ") runs, but no engine answers at " + dockerHost.uri() + " after "
                + ENGINE_START_DEADLINE.toSeconds() + " s: " + tail(log));
        return new Action.Outcome("dockerd runs as pid %d; the engine answers at %s (log %s)".formatted(pid, dockerHost.uri(), log));
    }

    private Action.Outcome startTestBroker() throws Exception {
        if (MachineSurvey.amqpAnswers(TestBroker.PORT)) {
            return new Action.Outcome("a broker answers on port " + TestBroker.PORT + " already", false);
        }
        Path log = stateDir.resolve("rabbitmq.log");
        runLogged(List.of(program("rabbitmq-server"), "-detached"), COMMAND_DEADLINE,
                Map.of("RABBITMQ_NODE_PORT", Integer.toString(TestBroker.PORT), "RABBITMQ_NODENAME", TestBroker.NODE_NAME), log);
        awaitOrFail(() -> MachineSurvey.amqpAnswers(TestBroker.PORT), BROKER_START_DEADLINE,
                () -> "rabbitmq-server -detached returned, but nothing speaks AMQP on port " + TestBroker.PORT + " after "
                        + BROKER_START_DEADLINE.toSeconds() + " s (its logs: /var/log/rabbitmq/" + TestBroker.NODE_NAME + "@*.log)");
        Optional<ProcessInfo> node = brokerNode();
        node.ifPresent(beam -> started.started("rabbitmq", beam.pid(), processes.startTicks(beam.pid()).orElse(0), null, null));
        return new Action.Outcome("RabbitMQ node %s answers AMQP on 127.0.0.1:%d%s".formatted(TestBroker.NODE_NAME, TestBroker.PORT,
                node.map(beam -> " (pid " + beam.pid() + ")").orElse(" (its pid was not found: setup --undo cannot stop it)")));
    }

    /** The Erlang VM running the tests' node: it inherited the node name setup gave it, which no other node has. */
    private Optional<ProcessInfo> brokerNode() {
        return processes.all().stream()
                .filter(process -> process.program().startsWith("beam"))
                .filter(process -> processes.environmentVariable(process.pid(), "RABBITMQ_NODENAME").filter(TestBroker.NODE_NAME::equals).isPresent())
                .findFirst();
    }

    private boolean engineAnswers() {
        try (DockerEngine ignored = DockerEngine.connect(dockerHost)) {
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private String program(String name) {
        return findProgram(name).orElseThrow(() -> new IllegalStateException(name + " is not on PATH"));
    }

    private Optional<String> findProgram(String name) {
        return new Executables(environment.get("PATH")).find(name).map(Path::toString);
    }

    private void runLogged(List<String> command, Duration deadline, Map<String, String> extraEnvironment, Path log) throws IOException {
        CommandResult result = runner.run(command, deadline, extraEnvironment);
        Files.createDirectories(log.toAbsolutePath().getParent());
        Files.writeString(log, "%s $ %s%n%s%s".formatted(Instant.now(), String.join(" ", command), result.stdout(), result.stderr()),
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (!result.succeeded()) {
            String why = !result.started() ? "could not start: " + result.stderr()
                    : result.timedOut() ? "did not finish within " + deadline.toMinutes() + " min"
                    : "exit " + result.exitCode() + ": " + lastLines(result.stderr().isBlank() ? result.stdout() : result.stderr(), 3);
            throw new IllegalStateException(String.join(" ", command) + " " + why + " (log " + log + ")");
        }
    }

    private static <E extends Exception> void awaitOrFail(Poll.Look<Boolean, E> check, Duration deadline,
                                                          java.util.function.Supplier<String> failure) throws E, InterruptedException {
        if (!Poll.until(check, Boolean::booleanValue, CHECK_INTERVAL, deadline).held()) {
            throw new IllegalStateException(failure.get());
        }
    }

    private static String tail(Path log) {
        try {
            return lastLines(Files.readString(log), 3);
        } catch (IOException e) {
            return "no log at " + log;
        }
    }

    private static String lastLines(String text, int count) {
        List<String> lines = text.strip().lines().toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }
}
