package io.cloudscale.playbooks.rca;

import io.cloudscale.core.config.Target;
import io.cloudscale.probes.kubernetes.KubernetesPlatform;
import java.util.List;

/**
 * The commands a verdict's fix names, in the words of where the platform runs: the tree is one, its causes are one,
 * but an operator on a cluster is told kubectl, not docker compose.
 */
sealed interface Remedies permits Remedies.Compose, Remedies.Kubernetes {

    /** Start a stopped or crashed service again. */
    String start(String service);

    /** Start it again, or thaw it if it was frozen. */
    String startOrThaw(String service);

    /** Thaw a service whose process is frozen. */
    String thaw(String service);

    String restart(String service);

    /** Replace its container or pod with a new one: a new network attachment. */
    String recreate(String service);

    /** Where to see whether a service is reachable on its network. */
    String checkNetwork(String service);

    String threadDump(String service);

    /** Where the processor is told the store's address. */
    String pointProcessorAtTheStore();

    /** What to check when clients cannot reach a gateway that runs. */
    List<String> checkGatewayReach(String gatewayStatus, int gatewayPort);

    static Remedies of(Target target) {
        return switch (target) {
            case Target.Compose compose -> new Compose(compose.project());
            case Target.Kubernetes cluster -> new Kubernetes(cluster.namespace());
        };
    }

    record Compose(String project) implements Remedies {

        private String compose() {
            return "docker compose -p " + project;
        }

        @Override
        public String start(String service) {
            return compose() + " up -d " + service;
        }

        @Override
        public String startOrThaw(String service) {
            return start(service) + " (frozen: " + compose() + " unpause " + service + ")";
        }

        @Override
        public String thaw(String service) {
            return "if its state is paused: docker unpause " + project + "_" + service + "_1 (or " + compose() + " unpause " + service + ")";
        }

        @Override
        public String restart(String service) {
            return compose() + " restart " + service;
        }

        @Override
        public String recreate(String service) {
            return compose() + " up -d --force-recreate " + service;
        }

        @Override
        public String checkNetwork(String service) {
            return "docker inspect -f '{{json .NetworkSettings.Networks}}' " + project + "_" + service + "_1";
        }

        @Override
        public String threadDump(String service) {
            return "docker exec <container> jcmd 1 Thread.print";
        }

        @Override
        public String pointProcessorAtTheStore() {
            return "point the processor at the store's container port (cosmos:8081) in the stack's .env / compose file";
        }

        @Override
        public List<String> checkGatewayReach(String gatewayStatus, int gatewayPort) {
            return List.of("cloudscale ports check " + gatewayPort, "curl -sv " + gatewayStatus,
                    "check the host firewall: iptables -S DOCKER; iptables -S INPUT");
        }
    }

    record Kubernetes(String namespace) implements Remedies {

        private String kubectl() {
            return "kubectl -n " + namespace;
        }

        private String pods(String service) {
            return "-l " + KubernetesPlatform.NAME_LABEL + "=" + service;
        }

        @Override
        public String start(String service) {
            return "see why it does not run: " + kubectl() + " describe pod " + pods(service) + "; then " + restart(service);
        }

        @Override
        public String startOrThaw(String service) {
            return start(service);
        }

        @Override
        public String thaw(String service) {
            return "see what its pod does: " + kubectl() + " describe pod " + pods(service);
        }

        @Override
        public String restart(String service) {
            return kubectl() + " rollout restart deployment/" + service;
        }

        @Override
        public String recreate(String service) {
            return kubectl() + " delete pod " + pods(service) + " (its Deployment starts a new one)";
        }

        @Override
        public String checkNetwork(String service) {
            return kubectl() + " get endpoints " + service + "; " + kubectl() + " get networkpolicy";
        }

        @Override
        public String threadDump(String service) {
            return kubectl() + " exec deployment/" + service + " -- jcmd 1 Thread.print";
        }

        @Override
        public String pointProcessorAtTheStore() {
            return "point the processor's COSMOS_ENDPOINT at the store's port (the Secret cloudscale-connections, or the offline overlay's store Service)";
        }

        @Override
        public List<String> checkGatewayReach(String gatewayStatus, int gatewayPort) {
            return List.of(kubectl() + " get service gateway; " + kubectl() + " get endpoints gateway",
                    "check the load balancer or ingress in front of the gateway Service, and its network policies");
        }
    }
}
