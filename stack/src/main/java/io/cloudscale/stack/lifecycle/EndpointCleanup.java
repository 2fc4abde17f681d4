package io.cloudscale.stack.lifecycle;

import io.cloudscale.probes.signals.ServiceState;
import io.cloudscale.core.action.Journal;
import io.cloudscale.core.action.Repair;
import io.cloudscale.probes.docker.DockerEngine;
import io.cloudscale.probes.docker.EngineSnapshot;
import io.cloudscale.probes.docker.StaleEndpointView;
import io.cloudscale.probes.ports.PortHolder;
import io.cloudscale.stack.ports.DockerActions;
import java.util.ArrayList;
import java.util.List;

/**
 * After a service died during start-up: force-disconnects the network endpoints it left behind (its own,
 * and any stale endpoint in this project's networks) so the next `up` does not meet a zombie port claim.
 * Only this project's endpoints are touched; each disconnect goes to the journal.
 */
record EndpointCleanup(DockerEngine engine, String project, Journal journal) {

    List<String> afterFailure(ServiceState failed) {
        List<PortHolder.StaleEndpoint> endpoints = new ArrayList<>();
        if ("exited".equals(failed.state()) || "dead".equals(failed.state())) {
            for (String network : failed.networks()) {
                endpoints.add(new PortHolder.StaleEndpoint(network, network, failed.container(), failed.containerId(), project,
                        failed.service() + " " + failed.describe() + " during start-up"));
            }
        }
        for (StaleEndpointView stale : EngineSnapshot.capture(engine).staleEndpoints()) {
            if (project.equals(stale.project())) {
                endpoints.add(new PortHolder.StaleEndpoint(stale.networkName(), stale.networkId(), stale.name(), stale.key(), project,
                        "stale endpoint " + stale.key() + " in " + stale.networkName()));
            }
        }
        List<String> done = new ArrayList<>();
        if (endpoints.isEmpty()) {
            return done;
        }
        // the same forced disconnect `ports fix` applies, journalled the same way: a killed `up` leaves its step in flight
        Repair repair = journal.begin("up", "endpoints left by " + failed.service(),
                endpoints.stream().map(endpoint -> "disconnect " + endpoint.network() + "/" + endpoint.endpointName()).toList());
        boolean allOk = true;
        for (PortHolder.StaleEndpoint endpoint : endpoints) {
            Repair.Done result = repair.apply(new DockerActions.DisconnectEndpoint(engine, endpoint,
                    "left behind by a failed start: the next up would meet it as a zombie port claim"), List::of);
            if (!result.ok()) {
                done.add("could not disconnect: " + result.result());
                allOk = false;
            } else if (result.changed()) {
                done.add(result.result());
            }
        }
        repair.close("cleanup", "project " + project, "disconnect what a failed start left behind", allOk,
                allOk ? "nothing of " + failed.service() + " is left on the project's networks" : "some endpoints remain", List.of());
        return done;
    }
}
