package io.cloudscale.playbooks.drill;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;

/**
 * One drill: the fault, the cause expected and the cause diagnosed, how long the verdict took and which
 * probes gave it, whether the symptom showed, and whether undoing the fault left the stack healthy
 * ({@code restored} null when --keep left it in place).
 */
public record DrillResult(String fault, String description, String expected, String diagnosed, boolean match,
                          String symptom, Duration timeToVerdict, List<String> probes, List<String> evidence,
                          Boolean restored, String restoreDetail, String error) {

    @JsonProperty("passed")
    public boolean passed() {
        return match && !Boolean.FALSE.equals(restored) && error == null;
    }
}
