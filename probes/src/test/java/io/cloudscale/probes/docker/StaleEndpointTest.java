package io.cloudscale.probes.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Stale endpoints from `GET /networks/{id}` in the engine's own format, read as the engine's reads read it. The engine here cleans endpoints up when it restarts, so a live stale endpoint could not
 * be produced on demand: this is the recorded shape of one (the emulator died during start-up).
 */
class StaleEndpointTest {

    private static final String LIVE = "0498fee3fc77537464a170d98718fe20e8f52ce168c3a37d439347b4265ebc21";
    private static final String GONE = "4b4d4421892298d4d5fd6a7fa4765c3805a80222f34a6ef7beed95efc945ceb6";

    private static final String INSPECT = """
            {"Name":"cloudscale_default","Id":"c0ffee00c0ffee00","Created":"2026-11-26T06:21:00Z","Scope":"local","Driver":"bridge",
             "EnableIPv6":false,"IPAM":{"Driver":"default","Options":null,"Config":[{"Subnet":"172.18.0.0/16","Gateway":"172.18.0.1"}]},
             "Internal":false,"Attachable":true,"Ingress":false,"ConfigFrom":{"Network":""},"ConfigOnly":false,
             "Containers":{
               "%s":{"Name":"cloudscale_gateway_1","EndpointID":"5749787d","MacAddress":"02:42:ac:12:00:02","IPv4Address":"172.18.0.2/16","IPv6Address":""},
               "%s":{"Name":"cloudscale_cosmos_1","EndpointID":"761ea99e","MacAddress":"02:42:ac:12:00:03","IPv4Address":"172.18.0.3/16","IPv6Address":""},
               "ep-b194a53e7f749d0e":{"Name":"cloudscale_processor_1","EndpointID":"b194a53e7f749d0e","MacAddress":"02:42:ac:12:00:04","IPv4Address":"172.18.0.4/16","IPv6Address":""}},
             "Options":{},"Labels":{"com.docker.compose.network":"default","com.docker.compose.project":"cloudscale","com.docker.compose.version":"1.29.2"}}
            """.formatted(LIVE, GONE);

    @Test
    void endpointsWithoutALiveContainerAreStaleAndNamedForAForcedDisconnect() throws IOException {
        NetworkView network = NetworkView.from(new ObjectMapper().readTree(INSPECT));

        List<StaleEndpointView> stale = EngineSnapshot.staleIn(network, Set.of(LIVE));

        assertEquals(List.of(
                new StaleEndpointView("c0ffee00c0ffee00", "cloudscale_default", "cloudscale", GONE, "cloudscale_cosmos_1", "761ea99e"),
                new StaleEndpointView("c0ffee00c0ffee00", "cloudscale_default", "cloudscale", "ep-b194a53e7f749d0e", "cloudscale_processor_1", "b194a53e7f749d0e")),
                stale.stream().sorted(java.util.Comparator.comparing(StaleEndpointView::name)).toList());
    }
}
