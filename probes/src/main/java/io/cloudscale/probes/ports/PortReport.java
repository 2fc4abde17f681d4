package io.cloudscale.probes.ports;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Findings for every port checked; {@code engine} says whether container holders could be looked for. */
public record PortReport(String project, boolean engineReachable, String engineError, List<PortFinding> ports) {

    public PortReport {
        ports = List.copyOf(ports);
    }

    @JsonProperty("held")
    public boolean anyHeld() {
        return ports.stream().anyMatch(PortFinding::held);
    }

    /** The command that clears every held port, or null when none is held. */
    @JsonProperty("fixCommand")
    public String fixCommand() {
        return anyHeld() ? "cloudscale ports fix " + String.join(" ", heldPorts().stream().map(finding -> Integer.toString(finding.port())).toList())
                : null;
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public List<PortFinding> heldPorts() {
        return ports.stream().filter(PortFinding::held).toList();
    }
}
