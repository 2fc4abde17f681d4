package io.cloudscale.stack.setup;

import io.cloudscale.core.check.CheckResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns what the survey saw into a plan: a check for each need, the packages that provide what is missing, an
 * engine to start, and the test broker. Where the tool cannot act (not root, not Debian or Ubuntu) the same
 * needs become the exact commands a person must run. Pure: the same facts always give the same plan.
 */
public final class SetupPlanner {

    static final int MINIMUM_JAVA = 25;

    private final String dockerdLog;

    /** @param dockerdLog where a dockerd started in the background writes its log */
    public SetupPlanner(String dockerdLog) {
        this.dockerdLog = dockerdLog;
    }

    public SetupPlan plan(MachineFacts facts, SetupPurpose purpose) {
        List<CheckResult> checks = new ArrayList<>();
        Set<String> packages = new LinkedHashSet<>();
        List<String> manual = new ArrayList<>();
        List<String> notDoing = new ArrayList<>();
        boolean canApply = facts.root() && facts.os().debianLike() && facts.has("apt-get");

        if (facts.javaFeature() >= MINIMUM_JAVA) {
            checks.add(CheckResult.ok("java", "Java %d at %s".formatted(facts.javaFeature(), facts.javaHome())));
        } else {
            checks.add(CheckResult.fail("java", "Java %d at %s; the tool needs %d".formatted(facts.javaFeature(), facts.javaHome(), MINIMUM_JAVA),
                    "install a JDK 25 and point JAVA_HOME at it"));
            manual.add("install a JDK %d (Debian has none before trixie: Temurin 25 from adoptium.net) and set JAVA_HOME to it".formatted(MINIMUM_JAVA));
        }

        boolean startEngine = false;
        if (facts.engineAnswers()) {
            checks.add(CheckResult.ok("docker engine", facts.engine()));
        } else if (!facts.engineLocal()) {
            checks.add(CheckResult.fail("docker engine", facts.engine(), "start the engine at " + facts.engineHost() + ", or unset DOCKER_HOST"));
            manual.add("start the Docker engine at %s (DOCKER_HOST), or unset DOCKER_HOST to use one on this machine".formatted(facts.engineHost()));
            notDoing.add("start an engine for DOCKER_HOST=" + facts.engineHost() + ": setup starts engines on this machine only");
        } else {
            startEngine = true;
            if (facts.has("dockerd")) {
                checks.add(CheckResult.fail("docker engine", facts.engine(), "start it"));
            } else {
                checks.add(CheckResult.fail("docker engine", "no dockerd on PATH, and " + facts.engine(), "install docker.io and start it"));
                packages.add("docker.io");
            }
        }

        if (facts.compose().isPresent()) {
            checks.add(CheckResult.ok("compose", facts.compose().get()));
        } else {
            checks.add(CheckResult.fail("compose", "neither `docker compose` (v2) nor `docker-compose` (v1) answers", "install docker-compose"));
            packages.add("docker-compose");
        }

        program(facts, "debootstrap", "debootstrap", "builds the offline stack's images from Debian packages", checks, packages);
        program(facts, "npm", "npm", "installs the Cosmos server's package tree into its image", checks, packages);
        checks.add(facts.mirror()
                .map(mirror -> CheckResult.ok("debian mirror", mirror + " (from apt's sources)"))
                .orElse(CheckResult.warn("debian mirror", "apt names no Debian mirror", "image builds fall back to http://deb.debian.org/debian")));

        boolean startBroker = false;
        if (purpose == SetupPurpose.TESTS) {
            if (facts.busybox()) {
                checks.add(CheckResult.ok("busybox", "/bin/busybox"));
            } else {
                checks.add(CheckResult.fail("busybox", "no /bin/busybox", "install busybox-static (the tests make images of it)"));
                packages.add("busybox-static");
            }
            program(facts, "ip", "iproute2", "makes the tests' second engine's bridge", checks, packages);
            program(facts, "rabbitmq-server", "rabbitmq-server", "the queue tests' broker", checks, packages);
            if (facts.testBrokerAnswers()) {
                checks.add(CheckResult.ok("test broker", "AMQP answers on 127.0.0.1:" + TestBroker.PORT));
            } else {
                checks.add(CheckResult.fail("test broker", "nothing speaks AMQP on 127.0.0.1:" + TestBroker.PORT, "start the tests' RabbitMQ node"));
                startBroker = true;
            }
        }

        List<SetupStep> steps = new ArrayList<>();
        if (!packages.isEmpty()) {
            steps.add(new SetupStep.InstallPackages(List.copyOf(packages), facts.systemd()));
        }
        if (startEngine) {
            steps.add(new SetupStep.StartEngine(facts.systemd(), dockerdLog));
        }
        if (startBroker) {
            steps.add(new SetupStep.StartTestBroker());
        }
        notDoing.add("change the engine's configuration or data root, or remove anything");

        if (!canApply && !steps.isEmpty()) {
            manual.addAll(0, forAPerson(facts, steps, packages));
            notDoing.add(0, whyNot(facts));
            steps = List.of();
        }
        String machine = "%s, as %s, %s".formatted(facts.os().prettyName(), facts.root() ? "root" : "a user who is not root",
                facts.systemd() ? "with systemd" : "without systemd");
        return new SetupPlan(purpose, machine, checks, steps, manual, notDoing);
    }

    private static void program(MachineFacts facts, String program, String pkg, String what, List<CheckResult> checks, Set<String> packages) {
        if (facts.has(program)) {
            checks.add(CheckResult.ok(program, facts.programs().get(program).orElseThrow().toString()));
        } else {
            checks.add(CheckResult.fail(program, "not on PATH (" + what + ")", "install " + pkg));
            packages.add(pkg);
        }
    }

    /** The steps as commands: with sudo for a Debian machine's non-root user, as the components' names elsewhere. */
    private static List<String> forAPerson(MachineFacts facts, List<SetupStep> steps, Set<String> packages) {
        if (!facts.os().debianLike()) {
            List<String> lines = new ArrayList<>();
            if (!packages.isEmpty()) {
                lines.add("install with your system's package manager what provides: " + String.join(", ", packages)
                        + " (their Debian package names)");
            }
            steps.stream().filter(step -> !(step instanceof SetupStep.InstallPackages))
                    .forEach(step -> lines.addAll(step.commands()));
            return lines;
        }
        String sudo = facts.root() ? "" : "sudo ";
        return steps.stream().flatMap(step -> step.commands().stream())
                .map(command -> command.startsWith("DEBIAN_FRONTEND=") || command.startsWith("RABBITMQ_") ? sudo + "env " + command : sudo + command)
                .toList();
    }

    private static String whyNot(MachineFacts facts) {
        if (!facts.os().debianLike()) {
            return "install or start anything: this is " + facts.os().prettyName() + ", and setup installs with apt-get on Debian or Ubuntu only";
        }
        if (!facts.root()) {
            return "install or start anything: installing packages and starting dockerd need root, and the tool runs as "
                    + System.getProperty("user.name");
        }
        return "install or start anything: apt-get is not on PATH";
    }
}
