package io.cloudscale.stack.lifecycle;

import io.cloudscale.core.Failures;
import io.cloudscale.core.action.Journal;
import io.cloudscale.core.action.JournalEntry;
import io.cloudscale.probes.docker.DockerEngine;
import io.cloudscale.probes.docker.EngineSnapshot;
import io.cloudscale.probes.docker.StaleEndpointView;
import io.cloudscale.probes.ports.PortHolder;
import io.cloudscale.stack.ports.DockerActions;
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
                disconnect(new PortHolder.StaleEndpoint(network, network, failed.containerName(), failed.containerId(), project,
                        failed.service() + " " + failed.describe() + " during start-up"), done);
            }
        }
        for (StaleEndpointView stale : EngineSnapshot.capture(engine).staleEndpoints()) {
            if (project.equals(stale.project())) {
                disconnect(new PortHolder.StaleEndpoint(stale.networkName(), stale.networkId(), stale.name(), stale.key(), project,
                        "stale endpoint " + stale.key() + " in " + stale.networkName()), done);
            }
        }
        return done;
    }

    /** The same forced disconnect `ports fix` applies, journalled the same way. */
    private void disconnect(PortHolder.StaleEndpoint endpoint, List<String> done) {
        DockerActions.DisconnectEndpoint action = new DockerActions.DisconnectEndpoint(engine, endpoint,
                "left behind by a failed start: the next up would meet it as a zombie port claim");
        boolean ok;
        String result;
        try {
            result = action.apply().detail();
            ok = true;
            done.add(result);
        } catch (Exception e) {
            // "is not connected": nothing was left behind on this network
            ok = e.getMessage() != null && e.getMessage().contains("not connected");
            result = ok ? endpoint.endpointName() + " had no endpoint left on " + endpoint.network() : "could not disconnect: " + Failures.describe(e);
            if (!ok) {
                done.add(result);
            }
        }
        if (journal != null) {
            journal.append(new JournalEntry(clock.instant(), "up", action.kind(), action.target(), action.reason(), action.evidence(),
                    ok, result, List.of()));
        }
    }
}
