package io.cloudscale.playbooks.drill;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.stack.endpoints.StackEndpoints;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every fault the drill knows, one per root cause the zero-events tree can name plus the port claim
 * `up` must refuse, in the order `--all` runs them. Each is caused the way it happens in life: a
 * container stopped, paused or crash-looping, a setting deployed wrong, a producer ahead of its consumer.
 * The ones a cluster cannot have faithfully (a frozen container, a network cut, a host port) say so
 * ({@link Fault#composeOnly()}); the rest act on either target through {@link DrillStack}.
 */
public final class FaultCatalog {

    private static final String GATEWAY = StackEndpoints.GATEWAY;
    private static final String API = StackEndpoints.INGESTION_API;
    private static final String PROCESSOR = StackEndpoints.EVENT_PROCESSOR;
    private static final String STORE = StackEndpoints.COSMOS;
    private static final String DASHBOARD = StackEndpoints.DASHBOARD;
    /** The offline stack's broker; a fault on it needs that stack ({@link Fault#needs()}). */
    private static final String BROKER = "rabbitmq";
    /** How long clients send into a queue nobody drains before they stop: events enough to see waiting. */
    static final Duration BACKLOG_BUILDS = Duration.ofSeconds(3);
    /** A burst well over the per-client limit the shedding fault deploys. */
    static final double BURST_PER_SECOND = 60;

    private final Map<String, Fault> faults = new LinkedHashMap<>();

    private static final DrillStack.Setting CLIENT_RPS = same("INGEST_CLIENT_RPS");
    private static final DrillStack.Setting MAX_IN_FLIGHT = same("INGEST_MAX_IN_FLIGHT");
    private static final DrillStack.Setting SCHEMA_VERSION = same("EVENT_SCHEMA_VERSION");
    /** The compose file sets the processor's COSMOS_TRUST_EMULATOR_CERT and COSMOS_ENDPOINT through variables of other names. */
    private static final DrillStack.Setting TRUSTS_STORE_CERT = new DrillStack.Setting("PROCESSOR_TRUSTS_STORE_CERT", "COSMOS_TRUST_EMULATOR_CERT");
    private static final DrillStack.Setting STORE_ENDPOINT = new DrillStack.Setting("PROCESSOR_COSMOS_ENDPOINT", "COSMOS_ENDPOINT");

    /** Why the faults no cluster can have faithfully are compose's alone. */
    static final String FROZEN = "docker pause freezes a container's processes; a cluster has no way to freeze a pod";
    static final String CUT_OFF = "it disconnects a container from the compose networks; a pod network has no such switch "
            + "(a NetworkPolicy would be another fault, enforced or not by the cluster's network plugin)";
    static final String REMAPPED = "a cluster's gateway publishes no host port to move: clients reach it through its Service";

    public FaultCatalog() {
        add(new Control());
        add(Fault.of("gateway-stopped", "gateway-down", "the gateway is stopped (compose: its container; a cluster: its Deployment scaled to 0)",
                drill -> drill.stack().stop(GATEWAY), drill -> drill.stack().start(GATEWAY)));
        add(Fault.of("gateway-remapped", "gateway-unreachable", "the gateway runs, re-deployed on another host port: clients still call the old one",
                drill -> drill.compose().recreateWithVariables(GATEWAY, Map.of("GATEWAY_PORT", Integer.toString(freePort()))),
                drill -> drill.compose().restoreSettings(GATEWAY)).onlyOnCompose(REMAPPED));
        add(Fault.of("no-clients", "no-clients", "the stack is healthy but every client stops sending",
                drill -> drill.clients().pause(), drill -> drill.clients().resume()));
        add(Fault.of("api-shedding", "api-shedding", "the API deployed with tight limits (5 req/s per client, 2 sends in flight) meets a burst",
                drill -> {
                    drill.stack().recreate(API, Map.of(CLIENT_RPS, "5", MAX_IN_FLIGHT, "2"));
                    drill.clients().rate(BURST_PER_SECOND);
                },
                drill -> {
                    drill.clients().rate(DrillRunner.CLIENT_RATE);
                    drill.stack().restoreSettings(API);
                }));
        add(Fault.of("api-crashed", "api-crashing", "the API deployed with a setting it cannot start with: it crash-loops",
                drill -> drill.stack().recreate(API, Map.of(CLIENT_RPS, "fast")),
                drill -> drill.stack().restoreSettings(API)));
        add(Fault.of("store-cert-untrusted", "cosmos-cert-untrusted", "the processor starts without importing the store's self-signed certificate",
                drill -> drill.stack().recreate(PROCESSOR, Map.of(TRUSTS_STORE_CERT, "false")),
                drill -> drill.stack().restoreSettings(PROCESSOR)).needing(STORE));
        add(Fault.of("store-wrong-port", "cosmos-wrong-port", "the processor is pointed at the store's host port (8082) instead of its container port (8081)",
                drill -> drill.stack().recreate(PROCESSOR, Map.of(STORE_ENDPOINT, "https://" + STORE + ":8082/")),
                drill -> drill.stack().restoreSettings(PROCESSOR)).needing(STORE));
        add(Fault.of("store-down", "cosmos-down", "the store is stopped (the offline store keeps its data in memory: this empties it)",
                drill -> drill.stack().stop(STORE), drill -> drill.stack().start(STORE)).needing(STORE));
        add(Fault.of("store-cut-off", "cosmos-unreachable", "the store keeps running but is cut off its network: the processor cannot reach it",
                drill -> drill.compose().disconnect(STORE),
                drill -> {
                    drill.compose().reconnect(STORE);
                    // the dashboard's store client stays stuck on the connections the cut broke (seen: no count 90 s
                    // after the network came back, twice in four runs); a restart is how an operator clears it
                    drill.compose().stop(DASHBOARD);
                    drill.compose().start(DASHBOARD);
                }).onlyOnCompose(CUT_OFF));
        add(Fault.of("processor-down", "processor-down", "the event processor is stopped",
                drill -> drill.stack().stop(PROCESSOR), drill -> drill.stack().start(PROCESSOR)));
        add(Fault.of("backlog-stranded", "backlog-stuck", "the event processor is stopped while clients send, then every client stops: what they sent waits in the queue",
                drill -> {
                    drill.stack().stop(PROCESSOR);
                    Thread.sleep(BACKLOG_BUILDS.toMillis());
                    drill.clients().pause();
                },
                drill -> {
                    drill.stack().start(PROCESSOR);
                    drill.clients().resume();
                }));
        add(Fault.of("processor-paused", "processor-stalled", "the event processor is frozen (docker pause): there, but draining nothing",
                drill -> drill.compose().pause(PROCESSOR), drill -> drill.compose().unpause(PROCESSOR)).onlyOnCompose(FROZEN));
        add(Fault.of("schema-skew", "poison-messages", "the API deployed ahead of the processor writes message schema 2: every event is poison and dead-lettered",
                drill -> drill.stack().recreate(API, Map.of(SCHEMA_VERSION, "2")),
                drill -> drill.stack().restoreSettings(API)));
        add(Fault.of("broker-stopped", "broker-down", "the queue broker is stopped: the API cannot hand events over",
                drill -> drill.stack().stop(BROKER), drill -> drill.stack().start(BROKER)).needing(BROKER));
        add(Fault.of("broker-frozen", "broker-down", "the queue broker is frozen (docker pause): connections open, nothing answers",
                drill -> drill.compose().pause(BROKER), drill -> drill.compose().unpause(BROKER)).onlyOnCompose(FROZEN));
        add(Fault.of("broker-cut-off", "broker-unreachable", "the queue broker keeps running but is cut off its network",
                drill -> drill.compose().disconnect(BROKER), drill -> drill.compose().reconnect(BROKER)).onlyOnCompose(CUT_OFF));
        add(Fault.of("api-cut-off", "api-unreachable", "the ingestion API keeps running but is cut off its network: the gateway answers 502/504",
                drill -> drill.compose().disconnect(API), drill -> drill.compose().reconnect(API)).onlyOnCompose(CUT_OFF));
        add(Fault.of("dashboard-stopped", "dashboard-blind", "the dashboard is stopped while events flow underneath",
                drill -> drill.stack().stop(DASHBOARD), drill -> drill.stack().start(DASHBOARD)));
        add(new ZombiePortClaim());
    }

    /** A setting the compose file passes on under the container's own name. */
    private static DrillStack.Setting same(String name) {
        return new DrillStack.Setting(name, name);
    }

    private void add(Fault fault) {
        faults.put(fault.id(), fault);
    }

    public List<Fault> all() {
        return List.copyOf(faults.values());
    }

    /** A compose-only fault named for a cluster is a usage error, with the reason. */
    public static void requireOnCluster(List<Fault> named) {
        for (Fault fault : named) {
            if (fault.composeOnly() != null) {
                throw new CloudscaleException.Usage(fault.id() + " is a fault of the compose target only: " + fault.composeOnly(),
                        "drill it with --target compose; cloudscale drill --list shows which run on a cluster");
            }
        }
    }

    /** The faults named, by fault id or by the cause they produce, in catalog order; an unknown name is a usage error. */
    public List<Fault> select(List<String> names) {
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            if (faults.values().stream().noneMatch(fault -> fault.id().equals(name) || fault.expected().equals(name))) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new CloudscaleException.Usage("no drill named " + String.join(", ", unknown), "one of: " + String.join(", ", faults.keySet()));
        }
        return faults.values().stream().filter(fault -> names.contains(fault.id()) || names.contains(fault.expected())).toList();
    }

    /** Nothing broken: the diagnosis must say healthy while clients send, or every other verdict means little. */
    private static final class Control implements Fault {
        @Override
        public String id() {
            return "healthy";
        }

        @Override
        public String expected() {
            return "healthy";
        }

        @Override
        public String description() {
            return "control: nothing broken, clients sending";
        }

        @Override
        public boolean stopsCounting() {
            return false;
        }

        @Override
        public void inject(DrillContext drill) {
        }

        @Override
        public void restore(DrillContext drill) {
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
