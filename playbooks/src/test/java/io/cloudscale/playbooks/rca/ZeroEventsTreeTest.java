package io.cloudscale.playbooks.rca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudscale.core.Status;
import io.cloudscale.core.diagnosis.DecisionTree;
import io.cloudscale.core.diagnosis.Diagnosis;
import io.cloudscale.core.diagnosis.DiagnosisEngine;
import io.cloudscale.core.diagnosis.Evidence;
import io.cloudscale.core.diagnosis.Observation;
import io.cloudscale.core.diagnosis.Probe;
import io.cloudscale.probes.logs.LogScanReport;
import io.cloudscale.probes.logs.SignatureMatch;
import io.cloudscale.probes.signals.ContainerStateProbe;
import io.cloudscale.probes.signals.GatewayThroughputProbe;
import io.cloudscale.probes.signals.QueueCounts;
import io.cloudscale.probes.signals.QueueDepth;
import io.cloudscale.probes.signals.QueueDepthProbe;
import io.cloudscale.probes.signals.ServiceState;
import io.cloudscale.probes.signals.StackState;
import io.cloudscale.probes.signals.Throughput;
import io.cloudscale.stack.endpoints.StackEndpoints;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The zero-events tree with recorded observations: every leaf is reached by the evidence that names it. */
class ZeroEventsTreeTest {

    static final DecisionTree TREE = ZeroEventsTree.build("cloudscale", StackEndpoints.load(Path.of("/nonexistent"), Map.of()));
    static final Set<String> REACHED = new HashSet<>();

    record Recorded<T>(String name, T value) implements Probe<T> {
        @Override
        public String description() {
            return "recorded " + name;
        }

        @Override
        public double cost() {
            return 1;
        }

        @Override
        public Duration deadline() {
            return Duration.ofSeconds(2);
        }

        @Override
        public Observation<T> observe() {
            return Observation.of(name, Status.OK, value, List.of(new Evidence(name, Instant.EPOCH, String.valueOf(value))), Duration.ZERO);
        }
    }

    static Throughput traffic(boolean answered, long requests) {
        return new Throughput(answered, requests / 10.0, requests, Duration.ofSeconds(10), Map.of(), answered ? null : "Connection refused");
    }

    static StackState stack(String... down) {
        List<String> stopped = List.of(down);
        return new StackState("cloudscale", Stream.of("gateway", "ingestion-api", "event-processor", "cosmos", "rabbitmq", "dashboard")
                .map(service -> new ServiceState(service, "cloudscale-" + service + "-1", stopped.contains(service) ? "exited" : "running",
                        "healthy", 0, stopped.contains(service) ? 137 : null, false))
                .toList());
    }

    static QueueDepth queue(long activeDelta, long deadDelta) {
        return new QueueDepth("rabbitmq events", new QueueCounts(10, 0, null, 1), new QueueCounts(10 + activeDelta, deadDelta, null, 1), Duration.ofSeconds(10));
    }

    static LogScanReport logs(String... signatures) {
        return new LogScanReport("logs", 100, true, Stream.of(signatures)
                .map(signature -> new SignatureMatch(signature, signature, 3, Instant.EPOCH, Instant.EPOCH, List.of(), List.of("line")))
                .toList());
    }

    static Map<String, Probe<?>> probes(Throughput throughput, StackState state, QueueDepth depth, LogScanReport processor, LogScanReport api) {
        return Map.of(GatewayThroughputProbe.NAME, new Recorded<>(GatewayThroughputProbe.NAME, throughput),
                ContainerStateProbe.NAME, new Recorded<>(ContainerStateProbe.NAME, state),
                QueueDepthProbe.NAME, new Recorded<>(QueueDepthProbe.NAME, depth),
                ZeroEventsTree.PROCESSOR_LOGS, new Recorded<>(ZeroEventsTree.PROCESSOR_LOGS, processor),
                ZeroEventsTree.API_LOGS, new Recorded<>(ZeroEventsTree.API_LOGS, api));
    }

    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of("gateway-down", probes(traffic(false, 0), stack("gateway"), queue(0, 0), logs(), logs())),
                Arguments.of("gateway-unreachable", probes(traffic(false, 0), stack(), queue(0, 0), logs(), logs())),
                Arguments.of("no-clients", probes(traffic(true, 0), stack(), queue(0, 0), logs(), logs())),
                Arguments.of("processor-down", probes(traffic(true, 50), stack("event-processor"), queue(50, 0), logs(), logs())),
                Arguments.of("cosmos-cert-untrusted", probes(traffic(true, 50), stack(), queue(50, 0), logs("circuit-open", "tls-untrusted"), logs())),
                Arguments.of("cosmos-down", probes(traffic(true, 50), stack("cosmos"), queue(50, 0), logs("circuit-open", "connection-refused"), logs())),
                Arguments.of("cosmos-wrong-port", probes(traffic(true, 50), stack(), queue(50, 0), logs("circuit-open", "connection-refused"), logs())),
                Arguments.of("processor-stalled", probes(traffic(true, 50), stack(), queue(50, 0), logs(), logs())),
                Arguments.of("poison-messages", probes(traffic(true, 50), stack(), queue(0, 5), logs(), logs())),
                Arguments.of("api-shedding", probes(traffic(true, 50), stack(), queue(0, 0), logs(), logs("http-503", "http-429"))),
                Arguments.of("api-crashing", probes(traffic(true, 50), stack("ingestion-api"), queue(0, 0), logs(), logs())),
                Arguments.of("healthy", probes(traffic(true, 50), stack(), queue(0, 0), logs(), logs())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void theEvidenceLeadsToItsCause(String expected, Map<String, Probe<?>> probes) {
        Diagnosis diagnosis = new DiagnosisEngine(probes, Clock.systemUTC()).diagnose(TREE, Map.of());

        assertEquals(expected, diagnosis.verdict().cause(), diagnosis.path().toString());
        assertTrue(diagnosis.verdict().complete());
        assertEquals(expected.equals("healthy"), diagnosis.verdict().healthy());
        assertEquals(!expected.equals("healthy"), !diagnosis.verdict().fix().isEmpty(), "every problem leaf prints its fix");
        REACHED.add(diagnosis.verdict().cause());
    }

    @Test
    void prioritiesFollowThePlatformsExperience() {
        assertEquals(12, TREE.causes().size());
        assertEquals("cosmos-cert-untrusted", TREE.causes().values().stream()
                .max(java.util.Comparator.comparingDouble(io.cloudscale.core.diagnosis.Cause::prior)).orElseThrow().id());
    }

    @AfterAll
    static void everyLeafWasReached() {
        assertEquals(TREE.causes().keySet(), REACHED, "a leaf no scenario reaches is a leaf nobody tested");
    }
}
