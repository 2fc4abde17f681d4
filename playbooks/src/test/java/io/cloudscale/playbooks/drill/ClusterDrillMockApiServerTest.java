package io.cloudscale.playbooks.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudscale.core.config.Target;
import io.cloudscale.core.diagnosis.DecisionTree;
import io.cloudscale.core.diagnosis.DiagnosisEngine;
import io.cloudscale.core.diagnosis.Probe;
import io.cloudscale.playbooks.StackSession;
import io.cloudscale.playbooks.TargetPlatform;
import io.cloudscale.playbooks.rca.PlatformProbes;
import io.cloudscale.playbooks.rca.PlayedPlatform;
import io.cloudscale.playbooks.rca.ZeroEventsTree;
import io.cloudscale.probes.docker.DockerHost;
import io.cloudscale.probes.kubernetes.TestKubeconfig;
import io.cloudscale.probes.signals.ContainerStateProbe;
import io.cloudscale.probes.signals.DashboardProbe;
import io.cloudscale.stack.endpoints.StackEndpoints;
import io.cloudscale.stack.images.BuildProgress;
import io.cloudscale.stack.kubernetes.ApplyingMockApiServer;
import io.cloudscale.stack.kubernetes.KubernetesOverlay;
import io.cloudscale.stack.kubernetes.KubernetesStack;
import io.cloudscale.stack.lifecycle.StackLifecycle;
import io.cloudscale.stack.lifecycle.UpResult;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `drill --target kubernetes` against fabric8's mock API server in CRUD mode: the stack is brought up from the offline
 * overlay as `up --target kubernetes` does, and {@link PlayedPlatform} plays the controllers, the kubelet and the
 * pipeline. Each fault a cluster can have is caused through the API server (a Deployment scaled to 0, its env patched),
 * the clients and the dashboard's count go through port-forwards to the played pods, the zero-events tree gives the
 * verdict from the pods as the API server has them (PodStateProbe), the dashboard read through its port-forward, and the
 * signals the mock cannot carry played from the pipeline; then the fault is undone, and the Deployments are checked
 * back as they were. Whether a real cluster's controllers, kubelets and services behave as played is the cluster's.
 */
class ClusterDrillMockApiServerTest {

    private static final String NAMESPACE = "cloudscale";
    private static final Path STACK = Path.of("..", "stack").toAbsolutePath().normalize();
    private static final Target.Kubernetes TARGET = new Target.Kubernetes(Optional.empty(), NAMESPACE);
    private static final Duration WINDOW = Duration.ofSeconds(2);
    private static final DrillRunner.Timing QUICK = new DrillRunner.Timing(Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(20),
            Duration.ofSeconds(20), Duration.ofSeconds(20), Duration.ofMillis(600), Duration.ofSeconds(20));

    @TempDir
    Path home;

    private ApplyingMockApiServer mock;
    private TestKubeconfig kubeconfig;
    private PlayedPlatform platform;
    private StackSession session;
    private final List<String> notes = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Each fault's Deployments as the drill is about to diagnose it: the fault in place, or not. */
    private final Map<String, Map<String, DeploymentSpec>> whileDiagnosed = new ConcurrentHashMap<>();

    @BeforeEach
    void rolledOutStack() throws Exception {
        mock = new ApplyingMockApiServer();
        kubeconfig = TestKubeconfig.use(home.resolve("kubeconfig"), mock.kubeconfig());
        platform = new PlayedPlatform(mock.client(), NAMESPACE, mock.kubelet());
        session = new StackSession(new DockerHost("unix:///nonexistent/docker.sock", Duration.ofSeconds(5)), TARGET, NAMESPACE, STACK, Map.of(),
                home, Clock.systemUTC());
        try (KubernetesStack stack = session.kubernetesStack(TARGET)) {
            UpResult up = stack.up(KubernetesOverlay.OFFLINE, Duration.ofSeconds(30), false, services -> { });
            assertTrue(up.healthy(), up.toString());
        }
    }

    @AfterEach
    void close() {
        platform.close();
        kubeconfig.close();
        mock.close();
    }

    private Map<String, DeploymentSpec> deployments() {
        return mock.client().apps().deployments().inNamespace(NAMESPACE).list().getItems().stream()
                .collect(Collectors.toMap(deployment -> deployment.getMetadata().getName(), Deployment::getSpec));
    }

    private static Map<String, String> env(DeploymentSpec spec) {
        Map<String, String> env = new HashMap<>();
        for (EnvVar variable : spec.getTemplate().getSpec().getContainers().getFirst().getEnv()) {
            env.put(variable.getName(), String.valueOf(variable.getValue()));
        }
        return env;
    }

    /** The zero-events tree of the kubernetes target, over the pods and the dashboard as read through the mock API server, the rest played. */
    private DrillContext.Diagnoses diagnoses() {
        DecisionTree tree = ZeroEventsTree.build(TARGET, session.endpoints());
        return () -> {
            try (TargetPlatform target = session.openPlatform();
                 PlatformProbes real = new PlatformProbes(target, session.endpoints(), WINDOW, Clock.systemUTC())) {
                Map<String, Probe<?>> probes = new HashMap<>(platform.playedProbes(WINDOW));
                probes.put(ContainerStateProbe.KEY.name(), real.all().get(ContainerStateProbe.KEY.name()));
                probes.put(DashboardProbe.KEY.name(), real.all().get(DashboardProbe.KEY.name()));
                return Drills.finding(new DiagnosisEngine(probes, Clock.systemUTC()).diagnose(tree, Map.of()));
            }
        };
    }

    private DrillReport drill(List<Fault> faults, DrillContext.Diagnoses diagnoses, DrillRunner.Timing timing) throws Exception {
        return new Drills(session).onCluster(TARGET, faults, false, diagnoses, preparation(), new DrillRunner.Listener() {
            @Override
            public void step(String fault, String message) {
                notes.add(fault + ": " + message);
                if (message.startsWith("diagnosing")) {
                    whileDiagnosed.put(fault, deployments());
                }
            }
        }, timing);
    }

    private Drills.Preparation preparation() {
        return new Drills.Preparation() {
            @Override
            public BuildProgress images() {
                throw new AssertionError("a cluster's images are not the drill's to build");
            }

            @Override
            public StackLifecycle.StartupListener startup() {
                throw new AssertionError("a cluster's stack is not the drill's to bring up");
            }

            @Override
            public void note(String message) {
                notes.add(message);
            }
        };
    }

    @Test
    void everyFaultAClusterCanHaveIsCausedDiagnosedAsItsCauseAndUndoneTheRestSkippedWithWhy() throws Exception {
        Map<String, DeploymentSpec> before = deployments();

        DrillReport report = drill(new FaultCatalog().all(), diagnoses(), QUICK);

        assertNull(report.aborted(), report.aborted());
        assertEquals(List.of("gateway-remapped", "store-cut-off", "processor-paused", "broker-frozen", "broker-cut-off", "api-cut-off", "zombie-port-claim"),
                report.skipped().stream().map(DrillReport.Skipped::fault).toList());
        assertTrue(report.skipped().stream().allMatch(skipped -> !skipped.reason().isBlank()), report.skipped().toString());
        assertEquals(List.of("healthy", "gateway-stopped", "no-clients", "api-shedding", "api-crashed", "store-cert-untrusted", "store-wrong-port",
                "store-down", "processor-down", "backlog-stranded", "schema-skew", "broker-stopped", "dashboard-stopped"),
                report.results().stream().map(DrillResult::fault).toList());
        for (DrillResult result : report.results()) {
            String why = result + "\n" + String.join("\n", notes);
            assertNull(result.error(), why);
            assertEquals(result.expected(), result.diagnosed(), why);
            assertEquals(Boolean.TRUE, result.restored(), why);
            if (!result.fault().equals("healthy")) {
                assertTrue(result.symptom().startsWith("after "), "the dashboard stopped counting: " + why);
            }
        }
        assertTrue(report.passed());
        assertEquals(NAMESPACE, report.project());

        Map<String, Map<String, DeploymentSpec>> during = whileDiagnosed;
        for (String stopped : List.of("gateway", "cosmos", "event-processor", "rabbitmq", "dashboard")) {
            String fault = Map.of("gateway", "gateway-stopped", "cosmos", "store-down", "event-processor", "processor-down", "rabbitmq", "broker-stopped",
                    "dashboard", "dashboard-stopped").get(stopped);
            assertEquals(0, during.get(fault).get(stopped).getReplicas(), fault + " scaled " + stopped + " to 0");
        }
        assertEquals("5", env(during.get("api-shedding").get("ingestion-api")).get("INGEST_CLIENT_RPS"));
        assertEquals("fast", env(during.get("api-crashed").get("ingestion-api")).get("INGEST_CLIENT_RPS"));
        assertEquals("Recreate", during.get("api-crashed").get("ingestion-api").getStrategy().getType(), "no pod of the old template left serving");
        assertEquals("false", env(during.get("store-cert-untrusted").get("event-processor")).get("COSMOS_TRUST_EMULATOR_CERT"));
        assertEquals("https://cosmos:8082/", env(during.get("store-wrong-port").get("event-processor")).get("COSMOS_ENDPOINT"));
        assertEquals("2", env(during.get("schema-skew").get("ingestion-api")).get("EVENT_SCHEMA_VERSION"));

        Map<String, DeploymentSpec> after = deployments();
        for (String service : PlayedPlatform.SERVICES) {
            assertEquals(before.get(service).getReplicas(), after.get(service).getReplicas(), service + " back at its replicas");
            assertEquals(before.get(service).getTemplate(), after.get(service).getTemplate(), service + " back at its template");
            assertEquals(before.get(service).getStrategy(), after.get(service).getStrategy(), service + " back at its strategy");
        }
    }

    @Test
    void onAStackWithoutAStoreOrBrokerOfItsOwnTheFaultsOnThemAreSkippedWithWhy() throws Exception {
        // the azure overlay's stack: Service Bus and Cosmos DB are managed services, no Deployment of theirs in the namespace
        for (String managed : List.of("cosmos", "rabbitmq")) {
            platform.delete(managed);
        }
        try (KubernetesStack kubernetes = session.kubernetesStack(TARGET)) {
            ClusterDrillStack stack = new ClusterDrillStack(kubernetes, NAMESPACE, session.endpoints(), Clock.systemUTC(), QUICK.rollout());

            List<DrillReport.Skipped> lacking = Drills.lacking(new FaultCatalog().all(), stack);

            assertEquals(List.of("store-cert-untrusted", "store-wrong-port", "store-down", "broker-stopped"),
                    lacking.stream().map(DrillReport.Skipped::fault).toList());
            assertTrue(lacking.getFirst().reason().startsWith("it needs the stack's own cosmos, which the stack in cloudscale does not run"),
                    lacking.getFirst().reason());
            assertTrue(lacking.getLast().reason().startsWith("it needs the stack's own rabbitmq"), lacking.getLast().reason());
        }
        Map<String, DeploymentSpec> before = deployments();

        DrillReport report = drill(new FaultCatalog().select(List.of("store-down", "broker-stopped")), diagnoses(), QUICK);

        assertEquals(Drills.NONE_RUNNABLE, report.aborted());
        assertEquals(List.of("store-down", "broker-stopped"), report.skipped().stream().map(DrillReport.Skipped::fault).toList());
        assertFalse(report.passed(), "a run that drilled nothing did not pass");
        assertEquals(before, deployments(), "nothing was changed");
    }

    @Test
    void aFaultWhoseSymptomNeverShowsIsStillUndoneAfterTheWait() throws Exception {
        platform.dashboardCountsRegardless();
        DrillRunner.Timing shortSymptomWait = new DrillRunner.Timing(QUICK.look(), QUICK.symptomSpan(), Duration.ofSeconds(4), QUICK.healthy(),
                QUICK.counting(), QUICK.cleanSpan(), QUICK.rollout());

        DrillReport report = drill(new FaultCatalog().select(List.of("gateway-stopped")), diagnoses(), shortSymptomWait);

        DrillResult result = report.results().getFirst();
        assertTrue(result.symptom().startsWith("not seen in "), result.toString());
        assertEquals(Boolean.TRUE, result.restored(), result.toString());
        assertEquals(1, deployments().get("gateway").getReplicas(), "the gateway scaled back");
    }

    @Test
    void aDiagnosisThatFailsLeavesTheFaultUndoneAndSaysWhy() throws Exception {
        Map<String, String> envBefore = env(deployments().get("event-processor"));

        DrillReport report = drill(new FaultCatalog().select(List.of("store-wrong-port")), () -> {
            throw new IllegalStateException("the diagnosis broke");
        }, QUICK);

        DrillResult result = report.results().getFirst();
        assertEquals("the diagnosis broke", result.error(), result.toString());
        assertEquals(Boolean.TRUE, result.restored(), result.toString());
        assertEquals(envBefore, env(deployments().get("event-processor")), "the processor's env rolled back");
        assertFalse(report.passed());
    }

    @Test
    void aDrillStoppedWhileItsFaultIsInPlaceUndoesItBeforeItStops() throws Exception {
        Map<String, String> envBefore = env(deployments().get("event-processor"));
        CountDownLatch diagnosing = new CountDownLatch(1);
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        Thread drilling = Thread.ofVirtual().start(() -> {
            try {
                drill(new FaultCatalog().select(List.of("store-wrong-port")), () -> {
                    diagnosing.countDown();
                    new CountDownLatch(1).await(); // a diagnosis that waits until it is stopped
                    throw new AssertionError("not stopped");
                }, QUICK);
                ended.complete(null);
            } catch (Throwable stopped) {
                ended.complete(stopped);
            }
        });
        assertTrue(diagnosing.await(60, TimeUnit.SECONDS), String.join("\n", notes));
        assertEquals("https://cosmos:8082/", env(deployments().get("event-processor")).get("COSMOS_ENDPOINT"), "the fault is in place");

        drilling.interrupt();

        assertInstanceOf(InterruptedException.class, ended.get(60, TimeUnit.SECONDS));
        assertEquals(envBefore, env(deployments().get("event-processor")), "the processor's env rolled back before the drill stopped");
        assertTrue(notes.contains("store-wrong-port: stopped: restoring before giving up"), notes.toString());
    }

    @Test
    void aRolloutThatNeverCompletesIsWaitedForBoundedAndTheSettingRolledBackAllTheSame() throws Exception {
        Map<String, String> envBefore = env(deployments().get("ingestion-api"));
        platform.freeze("ingestion-api");
        DrillRunner.Timing shortWaits = new DrillRunner.Timing(QUICK.look(), QUICK.symptomSpan(), Duration.ofSeconds(4), Duration.ofSeconds(4),
                QUICK.counting(), QUICK.cleanSpan(), Duration.ofSeconds(3));
        long started = System.nanoTime();

        DrillReport report = drill(new FaultCatalog().select(List.of("api-crashed")), diagnoses(), shortWaits);

        DrillResult result = report.results().getFirst();
        assertFalse(result.match(), "the crash never rolled out, so it was never there: " + result);
        assertEquals(Boolean.FALSE, result.restored(), result.toString());
        assertTrue(result.restoreDetail().startsWith("not healthy: ingestion-api: rollout not complete"), result.restoreDetail());
        assertEquals(envBefore, env(deployments().get("ingestion-api")), "the setting rolled back though no rollout completed");
        assertNull(deployments().get("ingestion-api").getStrategy(), "and the strategy with it");
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(40)) < 0, "bounded by the waits given");
        assertNotNull(result.symptom());
    }
}
