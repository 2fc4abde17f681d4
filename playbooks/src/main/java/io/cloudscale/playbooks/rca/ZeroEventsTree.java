package io.cloudscale.playbooks.rca;

import static io.cloudscale.core.diagnosis.DecisionTree.cause;

import io.cloudscale.core.diagnosis.Cause;
import io.cloudscale.core.diagnosis.DecisionTree;
import io.cloudscale.core.diagnosis.Observation;
import io.cloudscale.core.diagnosis.Prediction;
import io.cloudscale.core.diagnosis.ProbeKey;
import io.cloudscale.probes.logs.LogScanReport;
import io.cloudscale.probes.logs.Signature;
import io.cloudscale.probes.signals.ContainerStateProbe;
import io.cloudscale.probes.signals.CosmosReachabilityProbe;
import io.cloudscale.probes.signals.DashboardProbe;
import io.cloudscale.probes.signals.DashboardView;
import io.cloudscale.probes.signals.GatewayThroughputProbe;
import io.cloudscale.probes.signals.LogSignatureProbe;
import io.cloudscale.probes.signals.QueueDepth;
import io.cloudscale.probes.signals.QueueDepthProbe;
import io.cloudscale.probes.signals.ServiceState;
import io.cloudscale.probes.signals.StackState;
import io.cloudscale.probes.signals.StoreReachability;
import io.cloudscale.probes.signals.Throughput;
import io.cloudscale.stack.endpoints.StackEndpoints;
import java.time.Duration;
import java.time.Instant;

/**
 * "Dashboard shows 0 events", the platform's RCA as it states it, refined where the evidence allows:
 * no traffic at ingest -> the ingestion layer (gateway down, unreachable, or no clients, unless events sent
 * earlier wait undrained in the queue: then processing is failing too); traffic but
 * no broker answering -> the broker; traffic and a growing queue -> the processing layer (processor
 * down, the store down, or the processor's circuit open because the store's certificate is untrusted
 * or its port is wrong; neither: stalled); traffic and a flat queue -> the ingestion API (crashing,
 * unreachable from the gateway, or shedding with 503/429), poison messages dead-lettered, or, with
 * events flowing, the dashboard that does not show them. Healthy only when the clients are answered
 * 2xx and the dashboard counts; a cause whose predictions do not hold gives "unexplained".
 *
 * Questions about "now" are asked of evidence about now: traffic and rejections from the gateway's
 * access log over the window, the circuit from its latest transition (a breaker that opened an hour
 * ago and closed since is not the cause), services from their current state.
 */
public final class ZeroEventsTree {

    public static final String NAME = "zero-events";

    static final ProbeKey<LogScanReport> PROCESSOR_LOGS = LogSignatureProbe.keyFor(StackEndpoints.EVENT_PROCESSOR);
    static final ProbeKey<LogScanReport> API_LOGS = LogSignatureProbe.keyFor(StackEndpoints.INGESTION_API);
    static final String CIRCUIT_CLOSED = "circuit-closed";
    /** How far back a failed send still says the broker is failing the API now. */
    static final Duration RECENT = Duration.ofSeconds(60);
    /**
     * Store calls fail about once a second while they fail at all: a last failure older than this is over (the lines of a
     * store that was down a minute ago, or of a processor frozen since), not what the processor does now.
     */
    static final Duration FAILING_NOW = Duration.ofSeconds(10);

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

    private static long count(LogScanReport logs, String signature) {
        return logs.match(signature).map(io.cloudscale.probes.logs.SignatureMatch::count).orElse(0L);
    }

    /** The tree of the compose target of {@code project}. */
    public static DecisionTree build(String project, StackEndpoints endpoints) {
        return build(new Remedies.Compose(project), endpoints);
    }

    /** The tree with fixes in the words of {@code target}: the same questions and causes wherever the platform runs. */
    public static DecisionTree build(io.cloudscale.core.config.Target target, StackEndpoints endpoints) {
        return build(Remedies.of(target), endpoints);
    }

    static DecisionTree build(Remedies fix, StackEndpoints endpoints) {
        Cause gatewayDown = Cause.problem("gateway-down", "the gateway (nginx) is not running, frozen or crash-looping", 0.08,
                fix.startOrThaw(StackEndpoints.GATEWAY),
                "cloudscale logs scan " + StackEndpoints.GATEWAY);
        Cause gatewayUnreachable = Cause.problem("gateway-unreachable", "the gateway runs but clients cannot reach it (port blocked, remapped or firewalled)", 0.06,
                fix.checkGatewayReach(endpoints.gatewayStatus().toString(), endpoints.gatewayStatus().getPort()).toArray(String[]::new));
        Cause noClients = Cause.problem("no-clients", "the gateway is up and reachable, but no client is sending", 0.05,
                "send one: curl -s -XPOST -H 'content-type: application/json' -d '{\"type\":\"probe\"}' " + endpoints.ingest(),
                "check the clients' target URL, DNS and load balancer");
        Cause backlogStuck = Cause.problem("backlog-stuck", "no client sends now, but events accepted earlier wait in the queue and "
                        + "nothing drains them: the processing layer (the processor, its circuit breaker, the store) is failing", 0.02,
                "cloudscale status (the processor's state and its circuit)",
                "cloudscale logs scan " + StackEndpoints.EVENT_PROCESSOR + " (an open circuit, an untrusted certificate, store calls failing)",
                "cloudscale probe cosmos-reachability",
                "with clients sending, cloudscale diagnose names the processing fault itself");
        Cause processorDown = Cause.problem("processor-down", "the event processor is not running or crash-looping: the queue fills", 0.07,
                fix.start(StackEndpoints.EVENT_PROCESSOR), "cloudscale logs scan " + StackEndpoints.EVENT_PROCESSOR);
        Cause certUntrusted = Cause.problem("cosmos-cert-untrusted", "the processor's circuit is open: it does not trust the store's (emulator's) certificate", 0.12,
                "import the emulator certificate into the processor's truststore (curl -k https://" + endpoints.cosmosHost() + ":" + endpoints.cosmosPort()
                        + "/_explorer/emulator.pem > emulator.crt; keytool -importcert -cacerts -alias cosmos-emulator -file emulator.crt)",
                fix.restart(StackEndpoints.EVENT_PROCESSOR),
                "cloudscale probe cosmos-reachability");
        Cause storeDown = Cause.problem("cosmos-down", "the store is down, frozen or crash-looping: the processor holds its messages (its circuit opens once enough calls failed)", 0.07,
                fix.startOrThaw(StackEndpoints.COSMOS), "cloudscale logs scan " + StackEndpoints.COSMOS);
        Cause wrongPort = Cause.problem("cosmos-wrong-port", "the processor's circuit is open: it connects to the wrong store port (8081 vs 8082)", 0.06,
                fix.pointProcessorAtTheStore(),
                fix.start(StackEndpoints.EVENT_PROCESSOR))
                .predicting(Prediction.of("nothing listening where the processor connects (connection refused in its log)",
                        PROCESSOR_LOGS, logs -> logs.has("connection-refused")));
        Cause storeUnreachable = Cause.problem("cosmos-unreachable", "the store runs, but does not answer: cut off its network, "
                        + "or its name does not resolve where the processor runs", 0.02,
                "check the store's network: " + fix.checkNetwork(StackEndpoints.COSMOS),
                fix.recreate(StackEndpoints.COSMOS),
                "cloudscale probe cosmos-reachability; cloudscale logs scan " + StackEndpoints.EVENT_PROCESSOR);
        Cause processorStalled = Cause.problem("processor-stalled", "the processor's process is there (running or paused) with no known failure, but it does not drain the queue", 0.03,
                fix.thaw(StackEndpoints.EVENT_PROCESSOR),
                "cloudscale logs scan " + StackEndpoints.EVENT_PROCESSOR + " --since 30m; a thread dump: " + fix.threadDump(StackEndpoints.EVENT_PROCESSOR),
                fix.restart(StackEndpoints.EVENT_PROCESSOR));
        Cause poison = Cause.problem("poison-messages", "events are dead-lettered: messages that keep failing", 0.05,
                "inspect the dead-letter queue " + endpoints.deadLetterQueue() + " (never purge it without a confirmed decision)",
                "cloudscale logs scan " + StackEndpoints.EVENT_PROCESSOR);
        Cause shedding = Cause.problem("api-shedding", "the ingestion API sheds load: 503/429 to clients", 0.10,
                "cloudscale logs scan " + StackEndpoints.INGESTION_API, "reduce the client rate or raise the API's limits; see cloudscale diagnose load-shedding");
        Cause apiCrashing = Cause.problem("api-crashing", "the ingestion API is down, frozen or crash-looping", 0.07,
                "cloudscale logs scan " + StackEndpoints.INGESTION_API, fix.start(StackEndpoints.INGESTION_API));
        Cause brokerDown = Cause.problem("broker-down", "the queue broker (" + endpoints.brokerService() + ") is down, frozen or crash-looping: "
                        + "the API cannot hand events over and answers 503", 0.04,
                fix.startOrThaw(endpoints.brokerService()),
                "cloudscale probe queue-depth", "cloudscale logs scan " + StackEndpoints.INGESTION_API);
        Cause brokerUnreachable = Cause.problem("broker-unreachable", "the queue broker runs but does not answer: unreachable on its network, "
                        + "or too busy to take a connection; the API cannot hand events over", 0.02,
                "cloudscale probe queue-depth",
                "check the broker's network: " + fix.checkNetwork(endpoints.brokerService()),
                fix.recreate(endpoints.brokerService()));
        Cause apiUnreachable = Cause.problem("api-unreachable", "the gateway cannot reach the ingestion API, or the API fails: clients get 5xx "
                        + "other than 503/429 (502/504: the upstream is failing)", 0.04,
                "cloudscale logs " + StackEndpoints.GATEWAY + " --since 5m --grep '\"status\":50[024]'",
                "check the API's network: " + fix.checkNetwork(StackEndpoints.INGESTION_API),
                fix.recreate(StackEndpoints.INGESTION_API));
        Cause dashboardBlind = Cause.problem("dashboard-blind", "events flow, but the dashboard does not show them: it is down, frozen, "
                        + "unreachable, or cannot read the store", 0.05,
                fix.startOrThaw(StackEndpoints.DASHBOARD),
                "curl -s " + endpoints.dashboardSummary(),
                "cloudscale logs " + StackEndpoints.DASHBOARD + " --since 10m")
                // a frozen or cut-off store stalls the processor too, whose prefetched messages keep the queue looking
                // drained at a trickle of traffic: the dashboard's reads of it time out first, and it is not the dashboard's fault
                .predicting(Prediction.of("the store answering on its endpoint (port, TLS handshake)", CosmosReachabilityProbe.KEY,
                        reach -> reach.portOpen() && Boolean.TRUE.equals(reach.tlsHandshake())));
        Cause healthy = Cause.healthy("healthy", "events flow: clients are answered 2xx, the queue drains, the dashboard counts them", 0.05,
                Prediction.of("clients answered 2xx over the window", GatewayThroughputProbe.KEY,
                        throughput -> throughput.statusClasses().getOrDefault("2xx", 0L) > 0),
                Prediction.of("the dashboard answering with a count that grows", DashboardProbe.KEY, DashboardView::counting));
        shedding = shedding.predicting(
                Prediction.of("the API's own shed lines in its log", API_LOGS, logs -> logs.has(Signature.API_SHED)),
                // a busy broker may fail a few sends while the API sheds hundreds: that is still shedding
                Prediction.of("sends to the broker not failing in the last minute, or for at most one in ten of the shed requests",
                        API_LOGS, logs -> !logs.seenSince(Signature.API_SEND_FAILED, Instant.now().minus(RECENT))
                                || count(logs, Signature.API_SEND_FAILED) * 10 <= count(logs, Signature.API_SHED)));

        // ingestion layer: nothing arrives at the gateway
        DecisionTree.Step ingestion = DecisionTree.ask("gateway-running", "Is the gateway container running?",
                        ContainerStateProbe.KEY, state -> state.up(StackEndpoints.GATEWAY))
                .evidence(about(StackEndpoints.GATEWAY))
                .no(cause(gatewayDown))
                .yes(DecisionTree.ask("gateway-answers", "Does the gateway answer on its host port?",
                                GatewayThroughputProbe.KEY, Throughput::gatewayAnswered)
                        .no(cause(gatewayUnreachable))
                        // no client now, but what clients sent before may be stuck: the dashboard shows 0 for that reason too.
                        // A queue that cannot be read leaves the answer as it was: no clients.
                        .yes(DecisionTree.askObservation("backlog-undrained", "Do events sent earlier wait in the queue, with none drained?",
                                        QueueDepthProbe.KEY, seen -> seen.known() && seen.value() instanceof QueueDepth depth && depth.holdsUndrained())
                                .yes(cause(backlogStuck))
                                .no(cause(noClients))));

        // processing layer: traffic arrives, the queue grows
        // A stopped store is the cause whatever the breaker shows yet: it opens only after enough calls failed,
        // and a processor holding its messages while the store is away is doing what it should.
        DecisionTree.Step circuitCause = DecisionTree.ask("tls-untrusted", "Does the processor fail to trust the store's certificate?",
                        PROCESSOR_LOGS, logs -> logs.current("tls-untrusted", CIRCUIT_CLOSED))
                .evidence(signature("tls-untrusted"))
                .yes(cause(certUntrusted))
                .no(cause(wrongPort));
        DecisionTree.Step processing = DecisionTree.ask("processor-running", "Is the event processor's process there (running or paused)?",
                        ContainerStateProbe.KEY, state -> state.alive(StackEndpoints.EVENT_PROCESSOR))
                .evidence(about(StackEndpoints.EVENT_PROCESSOR))
                .no(cause(processorDown))
                .yes(DecisionTree.ask("store-running", "Is the store container running?",
                                ContainerStateProbe.KEY, state -> state.up(StackEndpoints.COSMOS))
                        .evidence(about(StackEndpoints.COSMOS))
                        .no(cause(storeDown))
                        // the store's container runs; does anything reach it? (cut off its network, the tool's handshake gets nowhere either)
                        .yes(DecisionTree.ask("store-answers", "Does the store answer on its endpoint (port, TLS handshake)?",
                                        CosmosReachabilityProbe.KEY, reach -> reach.portOpen() && Boolean.TRUE.equals(reach.tlsHandshake()))
                        .no(cause(storeUnreachable))
                        // the breaker opens only once enough calls failed: calls failing now are the same finding, seconds earlier
                        .yes(DecisionTree.ask("circuit-open", "Is the processor's circuit breaker open, or are its store calls failing now?",
                                        PROCESSOR_LOGS, logs -> logs.current("circuit-open", CIRCUIT_CLOSED)
                                                || logs.seenSince(Signature.STORE_CALL_FAILED, Instant.now().minus(FAILING_NOW)))
                                // a processor still waiting for the store's certificate has made no call to open it: show where it waits
                                .evidence(signature("circuit-open").or(signature(Signature.STORE_CALL_FAILED)).or(signature("store-certificate-wait")))
                                .yes(circuitCause)
                                .no(cause(processorStalled)))));

        // what the operator looks at: events flow, does the dashboard show them?
        DecisionTree.Step shown = DecisionTree.ask("dashboard-counting", "Does the dashboard answer, read the store and count?",
                        DashboardProbe.KEY, DashboardView::counting)
                .yes(cause(healthy))
                .no(cause(dashboardBlind));

        // ingestion API: traffic arrives, the queue stays flat
        DecisionTree.Step api = DecisionTree.ask("dead-letters", "Are dead letters growing?", QueueDepthProbe.KEY,
                        QueueDepth::deadLettersGrowing)
                .yes(cause(poison))
                .no(DecisionTree.ask("api-running", "Is the ingestion API running?", ContainerStateProbe.KEY,
                                state -> state.up(StackEndpoints.INGESTION_API))
                        .evidence(about(StackEndpoints.INGESTION_API))
                        .no(cause(apiCrashing))
                        .yes(DecisionTree.ask("gateway-5xx", "Are clients answered 5xx other than 503 (the gateway's upstream failing)?",
                                        GatewayThroughputProbe.KEY, Throughput::upstreamFailing)
                                .yes(cause(apiUnreachable))
                                .no(DecisionTree.ask("api-rejecting", "Are clients answered 503/429 (the API shedding)?",
                                                GatewayThroughputProbe.KEY, Throughput::rejecting)
                                        .yes(cause(shedding))
                                        .no(shown))));

        return DecisionTree.named(NAME, "Dashboard shows 0 events")
                .whenUnexplained("cloudscale status", "cloudscale diagnose zero-events --explain",
                        "cloudscale logs scan " + StackEndpoints.INGESTION_API + "; cloudscale logs scan " + StackEndpoints.EVENT_PROCESSOR,
                        "cloudscale watch")
                .root(DecisionTree.ask("traffic", "Is traffic arriving at the gateway?", GatewayThroughputProbe.KEY, Throughput::trafficArriving)
                        .no(ingestion)
                        // a stack on a cloud Service Bus runs no broker of its own: then only whether it answers is asked
                        .yes(DecisionTree.ask("broker-running", "Is the queue broker's container running?", ContainerStateProbe.KEY,
                                        state -> state.service(endpoints.brokerService()).map(ServiceState::up).orElse(true))
                                .evidence(about(endpoints.brokerService()))
                                .no(cause(brokerDown))
                                // a broker that runs and cannot be reached leaves the queue probe unable to look: that is the answer
                                .yes(DecisionTree.askObservation("broker-answers", "Does the queue broker answer?", QueueDepthProbe.KEY,
                                                Observation::known)
                                        .no(cause(brokerUnreachable))
                                        .yes(DecisionTree.ask("queue-growing", "Is the queue growing?", QueueDepthProbe.KEY,
                                                        QueueDepth::growing)
                                                .yes(processing)
                                                .no(api)))));
    }
}
