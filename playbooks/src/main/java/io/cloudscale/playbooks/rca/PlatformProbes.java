package io.cloudscale.playbooks.rca;

import io.cloudscale.core.diagnosis.Probe;
import io.cloudscale.probes.docker.DockerEngine;
import io.cloudscale.probes.signals.ContainerStateProbe;
import io.cloudscale.probes.signals.CosmosReachabilityProbe;
import io.cloudscale.probes.signals.DashboardProbe;
import io.cloudscale.probes.signals.GatewayThroughputProbe;
import io.cloudscale.probes.signals.LogSignatureProbe;
import io.cloudscale.probes.signals.QueueBackend;
import io.cloudscale.probes.signals.QueueDepthProbe;
import io.cloudscale.probes.signals.RabbitQueue;
import io.cloudscale.probes.signals.ServiceBusQueue;
import io.cloudscale.stack.endpoints.StackEndpoints;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every probe the platform's trees may ask, wired to one running stack. */
public final class PlatformProbes implements AutoCloseable {

    /** The names of the probes below, for checking a runbook before any engine is asked. */
    public static final List<String> NAMES = List.of(GatewayThroughputProbe.NAME, ContainerStateProbe.NAME, QueueDepthProbe.NAME,
            StackEndpoints.EVENT_PROCESSOR + "-logs", StackEndpoints.INGESTION_API + "-logs", StackEndpoints.GATEWAY + "-logs",
            CosmosReachabilityProbe.NAME, DashboardProbe.NAME);

    private final Map<String, Probe<?>> probes = new LinkedHashMap<>();
    private final QueueBackend queue;

    public PlatformProbes(DockerEngine engine, String project, StackEndpoints endpoints, Duration window, Clock clock) throws Exception {
        this.queue = "servicebus".equals(endpoints.queueBackend())
                ? new ServiceBusQueue(endpoints.serviceBusConnection(), endpoints.queue(), endpoints.serviceBusAdminPort())
                : new RabbitQueue(endpoints.amqp(), endpoints.queue(), endpoints.deadLetterQueue());
        register(new GatewayThroughputProbe(endpoints.gatewayStatus(), window, engine, project, StackEndpoints.GATEWAY, clock));
        register(new ContainerStateProbe(engine, project, clock));
        register(new QueueDepthProbe(queue, window, clock));
        for (String service : List.of(StackEndpoints.EVENT_PROCESSOR, StackEndpoints.INGESTION_API, StackEndpoints.GATEWAY)) {
            register(new LogSignatureProbe(engine, project, service, Duration.ofMinutes(10), clock));
        }
        register(new DashboardProbe(endpoints.dashboardSummary(), window, clock));
        register(new CosmosReachabilityProbe(endpoints.cosmosHost(), endpoints.cosmosPort(), endpoints.cosmosKey(),
                endpoints.cosmosDatabase(), endpoints.cosmosContainer(), clock));
    }

    private void register(Probe<?> probe) {
        probes.put(probe.name(), probe);
    }

    public Map<String, Probe<?>> all() {
        return Map.copyOf(probes);
    }

    public List<Probe<?>> list() {
        return List.copyOf(probes.values());
    }

    @Override
    public void close() throws Exception {
        queue.close();
    }
}
