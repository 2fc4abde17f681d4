package io.cloudscale.stack.setup;

import java.util.ArrayList;
import java.util.List;

/** One change setup makes to the machine. Each names the commands it runs, so the plan shows exactly them. */
public sealed interface SetupStep {

    /** A stable verb for scripts and the journal. */
    String kind();

    /** One line a person reads in the plan. */
    String title();

    /** The commands, as a person would type them (as root). */
    List<String> commands();

    /** Debian packages, with apt-get; on systemd, services a package starts of itself and the stack does not want are stopped again. */
    record InstallPackages(List<String> packages, boolean systemd) implements SetupStep {

        public InstallPackages {
            packages = List.copyOf(packages);
        }

        /** RabbitMQ's own service would hold 5672, the offline stack's broker port; the tests start a node of their own. */
        static final String UNWANTED_SERVICE = "rabbitmq-server";

        @Override
        public String kind() {
            return "install-packages";
        }

        @Override
        public String title() {
            return "install " + String.join(", ", packages) + " (apt-get)";
        }

        @Override
        public List<String> commands() {
            List<String> commands = new ArrayList<>(List.of("apt-get update -q",
                    "DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends " + String.join(" ", packages)));
            if (stopsUnwantedService()) {
                commands.add("systemctl disable --now " + UNWANTED_SERVICE);
            }
            return commands;
        }

        boolean stopsUnwantedService() {
            return systemd && packages.contains(UNWANTED_SERVICE);
        }
    }

    /** A Docker engine on this machine: through systemd where it runs, else dockerd in the background, its pid recorded. */
    record StartEngine(boolean systemd, String log) implements SetupStep {

        @Override
        public String kind() {
            return "start-engine";
        }

        @Override
        public String title() {
            return systemd ? "start the Docker engine (systemd unit docker)" : "start dockerd in the background (log " + log + ")";
        }

        @Override
        public List<String> commands() {
            return List.of(systemd ? "systemctl start docker" : "setsid dockerd >>" + log + " 2>&1 &");
        }
    }

    /** The tests' RabbitMQ node, on its own port and node name. */
    record StartTestBroker() implements SetupStep {

        @Override
        public String kind() {
            return "start-test-broker";
        }

        @Override
        public String title() {
            return "start the tests' RabbitMQ node %s on port %d".formatted(TestBroker.NODE_NAME, TestBroker.PORT);
        }

        @Override
        public List<String> commands() {
            return List.of("RABBITMQ_NODE_PORT=%d RABBITMQ_NODENAME=%s rabbitmq-server -detached".formatted(TestBroker.PORT, TestBroker.NODE_NAME));
        }
    }
}
