package io.cloudscale.playbooks.rca;

import static io.cloudscale.core.diagnosis.DecisionTree.cause;

import io.cloudscale.core.diagnosis.Cause;
import io.cloudscale.core.diagnosis.DecisionTree;
import io.cloudscale.probes.logs.LogScanReport;
import io.cloudscale.probes.signals.ContainerStateProbe;
import io.cloudscale.probes.signals.GatewayThroughputProbe;
import io.cloudscale.probes.signals.LogSignatureProbe;
import io.cloudscale.probes.signals.QueueDepth;
import io.cloudscale.probes.signals.QueueDepthProbe;
import io.cloudscale.probes.signals.StackState;
import io.cloudscale.probes.signals.Throughput;
import io.cloudscale.stack.endpoints.StackEndpoints;

/**
 * "Dashboard shows 0 events", the platform's RCA as it states it, refined where the evidence allows:
 * no traffic at ingest -> the ingestion layer (gateway down, unreachable, or no clients); traffic and
 * a growing queue -> the processing layer (processor down, the store down, or the processor's circuit
 * open because the store's certificate is untrusted or its port is wrong; neither: stalled); traffic and a flat queue -> the
 * ingestion API (crashing, or shedding with 503/429), or poison messages dead-lettered.
 *
 * Questions about "now" are asked of evidence about now: traffic and rejections from the gateway's
 * access log over the window, the circuit from its latest transition (a breaker that opened an hour
 * ago and closed since is not the cause), services from their current state.
 */
public final class ZeroEventsTree {

    public static final String NAME = "zero-events";

    static final String PROCESSOR_LOGS = LogSignatureProbe.nameFor(StackEndpoints.EVENT_PROCESSOR);
    static final String API_LOGS = LogSignatureProbe.nameFor(StackEndpoints.INGESTION_API);
    static final String CIRCUIT_CLOSED = "circuit-closed";

    private ZeroEventsTree() {
    }

    /** Log evidence is one line per signature found; a question about one signature shows its line. */
    private static java.util.function.Predicate<io.cloudscale.core.diagnosis.Evidence> signature(String name) {
        return evidence -> evidence.text().startsWith(name + " x");
    }

    /** Container-state evidence is one line per service; a question about one service shows its line. */
    private static java.util.function.Predicate<io.cloudscale.core.diagnosis.Evidence> about(String service) {
        return evidence -> evidence.text().startsWith(service + ":");
    }

    public static DecisionTree build(String project, StackEndpoints endpoints) {
        String compose = "docker compose -p " + project;
        Cause gatewayDown = Cause.problem("gateway-down", "the gateway (nginx) is not running", 0.10,
                compose + " up -d " + StackEndpoints.GATEWAY, "cloudscale logs scan " + StackEndpoints.GATEWAY);
        Cause gatewayUnreachable = Cause.problem("gateway-unreachable", "the gateway runs but clients cannot reach it (port blocked, remapped or firewalled)", 0.07,
                "cloudscale ports check " + endpoints.gatewayStatus().getPort(),
                "curl -sv " + endpoints.gatewayStatus(),
                "check the host firewall: iptables -S DOCKER; iptables -S INPUT");
        Cause noClients = Cause.problem("no-clients", "the gateway is up and reachable, but no client is sending", 0.10,
                "send one: curl -s -XPOST -H 'content-type: application/json' -d '{\"type\":\"probe\"}' " + endpoints.ingest(),
                "check the clients' target URL, DNS and load balancer");
        Cause processorDown = Cause.problem("processor-down", "the event processor is not running: the queue fills", 0.08,
                compose + " up -d " + StackEndpoints.EVENT_PROCESSOR, "cloudscale logs scan " + StackEndpoints.EVENT_PROCESSOR);
        Cause certUntrusted = Cause.problem("cosmos-cert-untrusted", "the processor's circuit is open: it does not trust the store's (emulator's) certificate", 0.15,
                "import the emulator certificate into the processor's truststore (curl -k https://" + endpoints.cosmosHost() + ":" + endpoints.cosmosPort()
                        + "/_explorer/emulator.pem > emulator.crt; keytool -importcert -cacerts -alias cosmos-emulator -file emulator.crt)",
                compose + " restart " + StackEndpoints.EVENT_PROCESSOR,
                "cloudscale probe cosmos-reachability");
        Cause storeDown = Cause.problem("cosmos-down", "the store is down: the processor holds its messages (its circuit opens once enough calls failed)", 0.07,
                compose + " up -d " + StackEndpoints.COSMOS, "cloudscale logs scan " + StackEndpoints.COSMOS);
        Cause wrongPort = Cause.problem("cosmos-wrong-port", "the processor's circuit is open: it connects to the wrong store port (8081 vs 8082)", 0.08,
                "point the processor at the store's container port (cosmos:8081) in the stack's .env / compose file",
                compose + " up -d " + StackEndpoints.EVENT_PROCESSOR);
        Cause processorStalled = Cause.problem("processor-stalled", "the processor's process is there (running or paused) with no known failure, but it does not drain the queue", 0.03,
                "if its state is paused: docker unpause " + project + "_" + StackEndpoints.EVENT_PROCESSOR + "_1 (or docker compose -p " + project + " unpause " + StackEndpoints.EVENT_PROCESSOR + ")",
                "cloudscale logs scan " + StackEndpoints.EVENT_PROCESSOR + " --since 30m; a thread dump: docker exec <container> jcmd 1 Thread.print",
                compose + " restart " + StackEndpoints.EVENT_PROCESSOR);
        Cause poison = Cause.problem("poison-messages", "events are dead-lettered: messages that keep failing", 0.06,
                "inspect the dead-letter queue " + endpoints.deadLetterQueue() + " (never purge it without a confirmed decision)",
                "cloudscale logs scan " + StackEndpoints.EVENT_PROCESSOR);
        Cause shedding = Cause.problem("api-shedding", "the ingestion API sheds load: 503/429 to clients", 0.12,
                "cloudscale logs scan " + StackEndpoints.INGESTION_API, "reduce the client rate or raise the API's limits; see cloudscale diagnose load-shedding");
        Cause apiCrashing = Cause.problem("api-crashing", "the ingestion API is down or restarting", 0.08,
                "cloudscale logs scan " + StackEndpoints.INGESTION_API, compose + " up -d " + StackEndpoints.INGESTION_API);
        Cause healthy = Cause.healthy("healthy", "events flow: traffic arrives, the queue drains, nothing is rejected", 0.06);

        // ingestion layer: nothing arrives at the gateway
        DecisionTree.Step ingestion = DecisionTree.<StackState>ask("gateway-running", "Is the gateway container running?",
                        ContainerStateProbe.NAME, state -> state.up(StackEndpoints.GATEWAY))
                .evidence(about(StackEndpoints.GATEWAY))
                .no(cause(gatewayDown))
                .yes(DecisionTree.<Throughput>ask("gateway-answers", "Does the gateway answer on its host port?",
                                GatewayThroughputProbe.NAME, Throughput::gatewayAnswered)
                        .no(cause(gatewayUnreachable))
                        .yes(cause(noClients)));

        // processing layer: traffic arrives, the queue grows
        // A stopped store is the cause whatever the breaker shows yet: it opens only after enough calls failed,
        // and a processor holding its messages while the store is away is doing what it should.
        DecisionTree.Step circuitCause = DecisionTree.<LogScanReport>ask("tls-untrusted", "Does the processor fail to trust the store's certificate?",
                        PROCESSOR_LOGS, logs -> logs.current("tls-untrusted", CIRCUIT_CLOSED))
                .evidence(signature("tls-untrusted"))
                .yes(cause(certUntrusted))
                .no(cause(wrongPort));
        DecisionTree.Step processing = DecisionTree.<StackState>ask("processor-running", "Is the event processor's process there (running or paused)?",
                        ContainerStateProbe.NAME, state -> state.alive(StackEndpoints.EVENT_PROCESSOR))
                .evidence(about(StackEndpoints.EVENT_PROCESSOR))
                .no(cause(processorDown))
                .yes(DecisionTree.<StackState>ask("store-running", "Is the store container running?",
                                ContainerStateProbe.NAME, state -> state.up(StackEndpoints.COSMOS))
                        .evidence(about(StackEndpoints.COSMOS))
                        .no(cause(storeDown))
                        .yes(DecisionTree.<LogScanReport>ask("circuit-open", "Is the processor's circuit breaker open now?", PROCESSOR_LOGS,
                                        logs -> logs.current("circuit-open", CIRCUIT_CLOSED))
                                // a processor still waiting for the store's certificate has made no call to open it: show where it waits
                                .evidence(signature("circuit-open").or(signature("store-certificate-wait")))
                                .yes(circuitCause)
                                .no(cause(processorStalled))));

        // ingestion API: traffic arrives, the queue stays flat
        DecisionTree.Step api = DecisionTree.<QueueDepth>ask("dead-letters", "Are dead letters growing?", QueueDepthProbe.NAME,
                        QueueDepth::deadLettersGrowing)
                .yes(cause(poison))
                .no(DecisionTree.<StackState>ask("api-running", "Is the ingestion API running?", ContainerStateProbe.NAME,
                                state -> state.up(StackEndpoints.INGESTION_API))
                        .evidence(about(StackEndpoints.INGESTION_API))
                        .no(cause(apiCrashing))
                        .yes(DecisionTree.<Throughput>ask("api-rejecting", "Are clients answered 503/429 (the API shedding)?",
                                        GatewayThroughputProbe.NAME, Throughput::rejecting)
                                .yes(cause(shedding))
                                .no(cause(healthy))));

        return DecisionTree.named(NAME, "Dashboard shows 0 events").root(
                DecisionTree.<Throughput>ask("traffic", "Is traffic arriving at the gateway?", GatewayThroughputProbe.NAME, Throughput::trafficArriving)
                        .no(ingestion)
                        .yes(DecisionTree.<QueueDepth>ask("queue-growing", "Is the queue growing?", QueueDepthProbe.NAME, QueueDepth::growing)
                                .yes(processing)
                                .no(api)));
    }
}
