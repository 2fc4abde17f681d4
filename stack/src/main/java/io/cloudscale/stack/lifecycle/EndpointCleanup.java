package io.cloudscale.stack.lifecycle;

import com.github.dockerjava.api.exception.DockerException;
import io.cloudscale.core.action.Journal;
import io.cloudscale.core.action.JournalEntry;
import io.cloudscale.probes.docker.DockerEngine;
import io.cloudscale.probes.docker.EngineSnapshot;
import io.cloudscale.probes.docker.StaleEndpointView;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * After a service died during start-up: force-disconnects the network endpoints it left behind (its own,
 * and any stale endpoint in this project's networks) so the next `up` does not meet a zombie port claim.
 * Only this project's endpoints are touched; each disconnect goes to the journal.
 */
final class EndpointCleanup {

    private final DockerEngine engine;
    private final String project;
    private final Journal journal;
    private final Clock clock;

    EndpointCleanup(DockerEngine engine, String project, Journal journal, Clock clock) {
        this.engine = engine;
        this.project = project;
        this.journal = journal;
        this.clock = clock;
    }

    List<String> afterFailure(ServiceState failed) {
        List<String> done = new ArrayList<>();
        if ("exited".equals(failed.state()) || "dead".equals(failed.state())) {
            for (String network : failed.networks()) {
                disconnect(network, failed.containerName(), failed.service() + " " + failed.describe() + " during start-up", done);
            }
        }
        for (StaleEndpointView stale : EngineSnapshot.capture(engine).staleEndpoints()) {
            if (project.equals(stale.project())) {
                disconnect(stale.networkName(), stale.name(), "stale endpoint " + stale.key() + " in " + stale.networkName(), done);
            }
        }
        return done;
    }

    private void disconnect(String network, String endpointName, String why, List<String> done) {
        boolean ok;
        String result;
        try {
            engine.client().disconnectFromNetworkCmd().withNetworkId(network).withContainerId(endpointName).withForce(true).exec();
            ok = true;
            result = "disconnected " + endpointName + " from " + network;
            done.add(result);
        } catch (DockerException e) {
            // "is not connected": nothing was left behind on this network
            ok = e.getMessage() != null && e.getMessage().contains("not connected");
            result = ok ? endpointName + " had no endpoint left on " + network : "could not disconnect: " + e.getMessage();
            if (!ok) {
                done.add(result);
            }
        }
        if (journal != null) {
            journal.append(new JournalEntry(clock.instant(), "up", "disconnect-endpoint", network + "/" + endpointName, why,
                    List.of(why), ok, result, List.of()));
        }
    }
}
