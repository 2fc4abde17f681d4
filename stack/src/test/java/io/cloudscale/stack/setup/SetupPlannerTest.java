package io.cloudscale.stack.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudscale.core.Status;
import io.cloudscale.core.check.CheckResult;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The planner is a function of what the survey saw: each machine below is a set of facts, not a mock. */
class SetupPlannerTest {

    private static final OsRelease DEBIAN = new OsRelease("debian", Set.of(), "Debian GNU/Linux 12 (bookworm)");
    private static final SetupPlanner PLANNER = new SetupPlanner("/root/.cloudscale/dockerd.log");

    /** A fresh Debian machine as root: JDK and git, apt-get, and nothing else this project needs. */
    private static Facts bare() {
        return new Facts();
    }

    @Test
    void aBareDebianMachineGetsThePackagesAnEngineInTheBackgroundAndForTestsTheBroker() {
        SetupPlan plan = PLANNER.plan(bare().build(), SetupPurpose.TESTS);

        assertEquals(List.of("install-packages", "start-engine", "start-test-broker"), plan.steps().stream().map(SetupStep::kind).toList());
        SetupStep.InstallPackages install = assertInstanceOf(SetupStep.InstallPackages.class, plan.steps().getFirst());
        assertEquals(List.of("docker.io", "docker-compose", "debootstrap", "npm", "busybox-static", "iproute2", "rabbitmq-server"), install.packages());
        assertEquals("setsid dockerd >>/root/.cloudscale/dockerd.log 2>&1 &", plan.steps().get(1).commands().getFirst());
        assertTrue(plan.manual().isEmpty(), plan.manual().toString());
        assertFalse(plan.ready());
        assertEquals(Status.FAIL, check(plan, "docker engine").status());
    }

    @Test
    void theStackAloneNeedsNoBrokerNorTheTestsPackages() {
        SetupPlan plan = PLANNER.plan(bare().build(), SetupPurpose.STACK);

        assertEquals(List.of("install-packages", "start-engine"), plan.steps().stream().map(SetupStep::kind).toList());
        assertEquals(List.of("docker.io", "docker-compose", "debootstrap", "npm"),
                ((SetupStep.InstallPackages) plan.steps().getFirst()).packages());
        assertTrue(plan.checks().stream().noneMatch(check -> check.name().equals("test broker")));
    }

    @Test
    void aMachineThatHasEverythingPlansNothing() {
        SetupPlan plan = PLANNER.plan(bare().everything().build(), SetupPurpose.TESTS);

        assertTrue(plan.ready(), plan.toString());
        assertTrue(plan.steps().isEmpty());
        assertTrue(plan.checks().stream().allMatch(check -> check.status() == Status.OK), plan.checks().toString());
    }

    @Test
    void installedButStoppedEngineIsStartedNotInstalled() {
        Facts facts = bare().everything();
        facts.engineAnswers = false;
        SetupPlan plan = PLANNER.plan(facts.build(), SetupPurpose.STACK);

        assertEquals(List.of("start-engine"), plan.steps().stream().map(SetupStep::kind).toList());
    }

    @Test
    void withSystemdTheEngineIsTheDockerUnitAndRabbitsOwnServiceIsStoppedAgain() {
        Facts facts = bare();
        facts.systemd = true;
        SetupPlan plan = PLANNER.plan(facts.build(), SetupPurpose.TESTS);

        assertEquals(List.of("systemctl start docker"), plan.steps().get(1).commands());
        assertTrue(plan.steps().getFirst().commands().contains("systemctl disable --now rabbitmq-server"), plan.steps().getFirst().commands().toString());
    }

    @Test
    void notRootOnDebianGetsTheSameStepsAsSudoCommandsAndNothingIsApplied() {
        Facts facts = bare();
        facts.root = false;
        SetupPlan plan = PLANNER.plan(facts.build(), SetupPurpose.TESTS);

        assertTrue(plan.steps().isEmpty());
        assertTrue(plan.needsAPerson());
        assertEquals(List.of("sudo apt-get update -q",
                "sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends docker.io docker-compose debootstrap npm busybox-static iproute2 rabbitmq-server",
                "sudo setsid dockerd >>/root/.cloudscale/dockerd.log 2>&1 &",
                "sudo env RABBITMQ_NODE_PORT=5673 RABBITMQ_NODENAME=cloudscale-tests rabbitmq-server -detached"), plan.manual());
        assertTrue(plan.notDoing().getFirst().contains("need root"), plan.notDoing().toString());
    }

    @Test
    void notDebianNamesWhatToInstallWithTheSystemsOwnPackageManager() {
        Facts facts = bare();
        facts.os = new OsRelease("fedora", Set.of(), "Fedora Linux 41");
        SetupPlan plan = PLANNER.plan(facts.build(), SetupPurpose.STACK);

        assertTrue(plan.steps().isEmpty());
        assertTrue(plan.manual().getFirst().startsWith("install with your system's package manager what provides: docker.io, docker-compose"),
                plan.manual().toString());
        assertTrue(plan.notDoing().getFirst().contains("Fedora Linux 41"), plan.notDoing().toString());
    }

    @Test
    void anEngineElsewhereIsNeverStartedHere() {
        Facts facts = bare().everything();
        facts.engineAnswers = false;
        facts.engineHost = "tcp://10.0.0.5:2375";
        SetupPlan plan = PLANNER.plan(facts.build(), SetupPurpose.STACK);

        assertTrue(plan.steps().isEmpty());
        assertTrue(plan.manual().getFirst().contains("tcp://10.0.0.5:2375"), plan.manual().toString());
        assertFalse(plan.ready());
    }

    @Test
    void anOldJavaIsForAPersonToReplace() {
        Facts facts = bare().everything();
        facts.java = 21;
        SetupPlan plan = PLANNER.plan(facts.build(), SetupPurpose.STACK);

        assertEquals(Status.FAIL, check(plan, "java").status());
        assertTrue(plan.manual().getFirst().startsWith("install a JDK 25"), plan.manual().toString());
    }

    @Test
    void aMachineWithoutAMirrorIsWarnedNotBlocked() {
        Facts facts = bare().everything();
        facts.mirror = null;
        SetupPlan plan = PLANNER.plan(facts.build(), SetupPurpose.STACK);

        assertEquals(Status.WARN, check(plan, "debian mirror").status());
        assertTrue(plan.ready());
    }

    private static CheckResult check(SetupPlan plan, String name) {
        return plan.checks().stream().filter(check -> check.name().equals(name)).findFirst().orElseThrow();
    }

    /** Facts with a setter for each thing a test changes. */
    private static final class Facts {
        OsRelease os = DEBIAN;
        boolean root = true;
        boolean systemd;
        int java = 25;
        Map<String, Optional<Path>> programs = new HashMap<>(Map.of("apt-get", Optional.of(Path.of("/usr/bin/apt-get"))));
        boolean busybox;
        String engineHost = "unix:///var/run/docker.sock";
        boolean engineAnswers;
        String compose;
        String mirror = "http://deb.debian.org/debian";
        boolean broker;

        Facts everything() {
            for (String program : MachineSurvey.PROGRAMS) {
                programs.put(program, Optional.of(Path.of("/usr/bin", program)));
            }
            busybox = true;
            engineAnswers = true;
            compose = "docker-compose 1.29.2 (v1)";
            broker = true;
            return this;
        }

        MachineFacts build() {
            return new MachineFacts(os, root, systemd, java, "/usr/lib/jvm/jdk", programs, busybox, engineHost, engineHost.startsWith("unix://"),
                    engineAnswers, engineAnswers ? "Docker 20.10.24 (API 1.41)" : "no Docker engine at " + engineHost, Optional.ofNullable(compose),
                    Optional.ofNullable(mirror), broker);
        }
    }
}
