package io.cloudscale.stack.kubernetes;

import static io.cloudscale.probes.kubernetes.KubeletStatuses.container;
import static io.cloudscale.probes.kubernetes.KubeletStatuses.pod;
import static io.cloudscale.probes.kubernetes.KubeletStatuses.running;
import static io.cloudscale.probes.kubernetes.KubeletStatuses.terminated;
import static io.cloudscale.probes.kubernetes.KubeletStatuses.waiting;
import static io.cloudscale.probes.kubernetes.KubeletStatuses.withStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.stack.lifecycle.DownResult;
import io.cloudscale.stack.lifecycle.ServiceProgress;
import io.cloudscale.stack.lifecycle.UpResult;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * up and down on the kubernetes target against fabric8's mock API server in CRUD mode, taught server-side apply
 * ({@link ApplyingMockApiServer}). Nothing in the mock runs a controller or a kubelet: the test writes what they
 * would, through the status subresource, while up watches (a Deployment's rollout status, its pods' readiness,
 * restarts and waiting reasons). What a real cluster adds (scheduling, image pulls, RBAC, field-manager conflicts,
 * garbage collection of a deleted Deployment's pods) is not covered here.
 */
class KubernetesStackMockApiServerTest {

    private static final Path STACK = Path.of("").toAbsolutePath();
    /** Not the overlays' own namespace: up applies into the target's. */
    private static final String NAMESPACE = "team-a";
    private static final List<String> OFFLINE_DEPLOYMENTS = List.of("cosmos", "dashboard", "event-processor", "gateway", "ingestion-api", "rabbitmq");

    private ApplyingMockApiServer mock;
    private KubernetesClient cluster;
    private PlayedControllers controllers;
    private KubernetesStack stack;
    private final List<List<ServiceProgress>> progress = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        mock = new ApplyingMockApiServer();
        cluster = mock.client();
        controllers = new PlayedControllers(cluster, NAMESPACE);
        stack = KubernetesStack.using(mock.api(NAMESPACE, Duration.ofSeconds(5)), STACK, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        stack.close();
        mock.close();
    }

    private CompletableFuture<UpResult> up(Duration timeout, boolean force) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return stack.up(KubernetesOverlay.OFFLINE, timeout, force, progress::add);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, Thread::startVirtualThread);
    }

    private void awaitApplied() throws InterruptedException {
        assertTrue(controllers.awaitDeployments(OFFLINE_DEPLOYMENTS.size(), Duration.ofSeconds(20)), "up applied " + controllers.deployments());
    }

    private void rolledOut(String name) {
        controllers.rolledOut(name);
    }

    private void controllerReports(String name, int replicas, int updated, int available) {
        controllers.reports(name, replicas, updated, available);
    }

    private void kubelet(Pod pod, String phase, ContainerStatus status) {
        controllers.kubelet(pod, phase, status);
    }

    private static UpResult.ServiceOutcome outcome(UpResult result, String service) {
        return result.services().stream().filter(outcome -> outcome.service().equals(service)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + service + " in " + result.services()));
    }

    @Test
    void upServerSideAppliesTheOverlayIntoTheTargetsNamespaceAndIsHealthyOnceEveryRolloutCompletes() throws Exception {
        CompletableFuture<UpResult> up = up(Duration.ofSeconds(60), false);
        awaitApplied();
        Thread.sleep(1500); // a look or two while nothing is rolled out yet: up must keep waiting
        assertFalse(up.isDone(), "no rollout finished yet");
        OFFLINE_DEPLOYMENTS.forEach(this::rolledOut);

        UpResult result = up.get(30, TimeUnit.SECONDS);

        assertTrue(result.healthy(), result.problem());
        assertEquals(NAMESPACE, result.project());
        assertEquals("offline", result.profile());
        assertEquals(OFFLINE_DEPLOYMENTS, result.services().stream().map(UpResult.ServiceOutcome::service).sorted().toList());
        assertTrue(result.endpoints().get("gateway").startsWith("http://gateway.team-a.svc:8080/api/events"), result.endpoints().toString());
        List<ApplyingMockApiServer.Apply> applies = mock.applies();
        assertFalse(applies.isEmpty());
        for (ApplyingMockApiServer.Apply apply : applies) {
            assertEquals(ApplyingMockApiServer.APPLY_PATCH, apply.contentType().split(";")[0], apply.path());
            assertEquals("cloudscale", apply.fieldManager(), apply.path());
            assertFalse(apply.forced(), "conflicts are forced only when asked: " + apply.query());
            assertTrue(apply.path().contains("/namespaces/" + NAMESPACE + "/"), apply.path());
            assertEquals(NAMESPACE, apply.object().path("metadata").path("namespace").asText(), apply.path());
        }
        assertEquals(Kustomization.render(KubernetesOverlay.OFFLINE.folder(STACK)).size(), applies.size(), "every rendered object applied once");
        assertTrue(cluster.apps().deployments().inNamespace("cloudscale").list().getItems().isEmpty(), "nothing in the overlay's own namespace");
        assertTrue(progress.stream().anyMatch(look -> look.stream().allMatch(service -> service.phase() == ServiceProgress.Phase.STARTING)),
                "progress lines showed the services starting before they were healthy");
        assertTrue(progress.getLast().stream().allMatch(service -> service.phase() == ServiceProgress.Phase.HEALTHY));
        assertEquals("1/1 available, 1 updated", outcome(result, "gateway").detail());
    }

    @Test
    void aPodInCrashLoopBackOffFailsUpAtOnceWithHowItsLastRunEndedAndThatRunsLastLogLines() throws Exception {
        CompletableFuture<UpResult> up = up(Duration.ofMinutes(5), false);
        awaitApplied();
        OFFLINE_DEPLOYMENTS.stream().filter(name -> !name.equals("ingestion-api")).forEach(this::rolledOut);
        controllerReports("ingestion-api", 1, 1, 0);
        Instant now = Instant.now();
        // the log is asked for once the kubelet's report is read: the expectation is in place before the report is
        cluster.pods().inNamespace(NAMESPACE).resource(pod("ingestion-api", "ingestion-api-7c4d2-crash", now)).create();
        String created = cluster.pods().inNamespace(NAMESPACE).withName("ingestion-api-7c4d2-crash").get().getMetadata().getCreationTimestamp();
        mock.server().expect().get().withPath("/api/v1/namespaces/" + NAMESPACE + "/pods/ingestion-api-7c4d2-crash/log?pretty=false"
                        + "&container=ingestion-api&previous=true&sinceTime=" + Instant.parse(created) + "&tailLines=20")
                .andReturn(200, "starting ingestion-api\nException in thread \"main\" java.lang.IllegalStateException: RABBITMQ_URI is not set\n").always();
        Pod stored = cluster.pods().inNamespace(NAMESPACE).withName("ingestion-api-7c4d2-crash").get();
        cluster.pods().inNamespace(NAMESPACE).resource(withStatus(stored, "Running", container("ingestion-api", false, 3).withState(waiting("CrashLoopBackOff"))
                .withLastState(terminated("Error", 1, now.minusSeconds(12), now.minusSeconds(10))).build())).updateStatus();

        UpResult result = up.get(30, TimeUnit.SECONDS);

        UpResult.ServiceOutcome api = outcome(result, "ingestion-api");
        assertFalse(result.healthy());
        assertEquals("failed", api.result());
        assertEquals("pod ingestion-api-7c4d2-crash CrashLoopBackOff, last run ended Error (exit code 1), 3 restarts", api.detail());
        assertEquals(1, api.exitCode());
        assertEquals(List.of("starting ingestion-api", "Exception in thread \"main\" java.lang.IllegalStateException: RABBITMQ_URI is not set"), api.lastLogs());
        assertTrue(api.elapsed().compareTo(Duration.ofSeconds(30)) < 0, "settled at once, not at the 5 min timeout: " + api.elapsed());
        assertTrue(outcome(result, "gateway").healthy());
    }

    @Test
    void anImageThatCannotBePulledFailsUpAtOnceWithoutALogToShow() throws Exception {
        CompletableFuture<UpResult> up = up(Duration.ofMinutes(5), false);
        awaitApplied();
        OFFLINE_DEPLOYMENTS.stream().filter(name -> !name.equals("dashboard")).forEach(this::rolledOut);
        kubelet(pod("dashboard", "dashboard-8c9d0-nopull", Instant.now()), "Pending",
                container("dashboard", false, 0).withState(waiting("ImagePullBackOff")).build());

        UpResult result = up.get(30, TimeUnit.SECONDS);

        UpResult.ServiceOutcome dashboard = outcome(result, "dashboard");
        assertEquals("pod dashboard-8c9d0-nopull ImagePullBackOff", dashboard.detail());
        assertNull(dashboard.exitCode());
        assertTrue(dashboard.lastLogs().isEmpty());
    }

    @Test
    void aPodThatRunsButNeverTurnsReadyFailsUpAtTheTimeoutWithWhereItStood() throws Exception {
        CompletableFuture<UpResult> up = up(Duration.ofSeconds(3), false);
        awaitApplied();
        OFFLINE_DEPLOYMENTS.stream().filter(name -> !name.equals("event-processor")).forEach(this::rolledOut);
        controllerReports("event-processor", 1, 1, 0);
        kubelet(pod("event-processor", "event-processor-66b8d-slow", Instant.now()), "Running",
                container("event-processor", false, 0).withState(running(Instant.now())).build());

        UpResult result = up.get(30, TimeUnit.SECONDS);

        assertEquals("not ready within 3 s: 0/1 available, 1 updated; pod event-processor-66b8d-slow running, not ready",
                outcome(result, "event-processor").detail());
        assertFalse(result.healthy());
    }

    @Test
    void forceConflictsIsSentOnlyWhenAsked() throws Exception {
        CompletableFuture<UpResult> up = up(Duration.ofSeconds(30), true);
        awaitApplied();
        OFFLINE_DEPLOYMENTS.forEach(this::rolledOut);
        assertTrue(up.get(30, TimeUnit.SECONDS).healthy());

        assertTrue(mock.applies().stream().allMatch(ApplyingMockApiServer.Apply::forced), mock.applies().getFirst().query());
    }

    @Test
    void aFieldAnotherManagerOwnsStopsUpWithTheServersWordsAndHowToTakeItOver() {
        String first = Kustomization.render(KubernetesOverlay.OFFLINE.folder(STACK)).getFirst().path("metadata").path("name").asText();
        String kind = Kustomization.render(KubernetesOverlay.OFFLINE.folder(STACK)).getFirst().path("kind").asText();
        mock.refuseApply(collection(kind) + "/" + first, 409, "Conflict",
                "Apply failed with 1 conflict: conflict with \"kubectl-edit\" using v1: .data.nginx.conf");

        CloudscaleException.ProblemFound refused = assertThrows(CloudscaleException.ProblemFound.class,
                () -> stack.up(KubernetesOverlay.OFFLINE, Duration.ofSeconds(5), false, services -> { }));

        assertEquals("applying " + kind + "/" + first + ": another field manager owns fields this would change: "
                + "Apply failed with 1 conflict: conflict with \"kubectl-edit\" using v1: .data.nginx.conf", refused.getMessage());
        assertEquals("to take them over: cloudscale up --target kubernetes --force-conflicts", refused.hint().orElseThrow());
        assertEquals(1, mock.applies().size(), "nothing applied after the refusal");
    }

    @Test
    void aNamespaceThatDoesNotExistIsAUsageErrorNamingIt() {
        String first = Kustomization.render(KubernetesOverlay.OFFLINE.folder(STACK)).getFirst().path("metadata").path("name").asText();
        String kind = Kustomization.render(KubernetesOverlay.OFFLINE.folder(STACK)).getFirst().path("kind").asText();
        mock.refuseApply(collection(kind) + "/" + first, 404, "NotFound", "namespaces \"team-a\" not found");

        CloudscaleException.Usage refused = assertThrows(CloudscaleException.Usage.class,
                () -> stack.up(KubernetesOverlay.OFFLINE, Duration.ofSeconds(5), false, services -> { }));

        assertTrue(refused.getMessage().contains("namespace team-a not found"), refused.getMessage());
        assertTrue(refused.hint().orElseThrow().startsWith("create it: kubectl create namespace team-a"));
    }

    private static String collection(String kind) {
        return switch (kind) {
            case "ConfigMap" -> "/api/v1/namespaces/" + NAMESPACE + "/configmaps";
            case "Secret" -> "/api/v1/namespaces/" + NAMESPACE + "/secrets";
            case "Service" -> "/api/v1/namespaces/" + NAMESPACE + "/services";
            case "Deployment" -> "/apis/apps/v1/namespaces/" + NAMESPACE + "/deployments";
            default -> throw new AssertionError(kind);
        };
    }

    @Test
    void downDeletesWhatCarriesTheStacksLabelInTheNamespaceAndNothingElse() throws Exception {
        CompletableFuture<UpResult> up = up(Duration.ofSeconds(30), false);
        awaitApplied();
        OFFLINE_DEPLOYMENTS.forEach(this::rolledOut);
        assertTrue(up.get(30, TimeUnit.SECONDS).healthy());
        cluster.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata().withName("cloudscale-connections-azure").endMetadata()
                .addToStringData("cosmos-key", "operator's own").build()).create();
        cluster.pods().inNamespace("elsewhere").resource(pod("gateway", "gateway-elsewhere", Instant.now())).create();
        cluster.pods().inNamespace(NAMESPACE).resource(new PodBuilder().withNewMetadata().withName("debug-shell").endMetadata()
                .withNewSpec().addNewContainer().withName("sh").withImage("busybox").endContainer().endSpec().build()).create();

        DownResult result = stack.down(Duration.ofSeconds(1));

        assertTrue(result.clean(), result.leftovers().toString());
        assertEquals(NAMESPACE, result.project());
        for (StackObjects.Kind kind : StackObjects.KINDS) {
            assertTrue(kind.objects().apply(cluster).inNamespace(NAMESPACE).withLabel(StackObjects.PART_OF_LABEL, StackObjects.PART_OF)
                    .list().getItems().isEmpty(), kind.name());
        }
        assertNotNull(cluster.secrets().inNamespace(NAMESPACE).withName("cloudscale-connections-azure").get(), "the operator's unlabelled Secret stays");
        assertNotNull(cluster.pods().inNamespace(NAMESPACE).withName("debug-shell").get(), "an unlabelled pod stays");
        assertNotNull(cluster.pods().inNamespace("elsewhere").withName("gateway-elsewhere").get(), "another namespace is not touched");
    }

    @Test
    void whatOutlivesTheWaitIsReportedByKindAndName() throws Exception {
        Pod held = new PodBuilder(pod("event-processor", "event-processor-66b8d-held", Instant.now()))
                .editMetadata().addToFinalizers("example.com/held").endMetadata().build();
        cluster.pods().inNamespace(NAMESPACE).resource(held).create();
        cluster.pods().inNamespace(NAMESPACE).resource(pod("gateway", "gateway-7d4b9-gone", Instant.now())).create();

        List<String> left = new StackTeardown(mock.api(NAMESPACE, Duration.ofSeconds(5)), Duration.ofSeconds(2)).delete(Duration.ZERO);

        assertEquals(List.of("pod event-processor-66b8d-held (terminating)"), left);
    }
}
