package io.cloudscale.core.check;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.cloudscale.core.Status;
import java.util.List;

/** A list of check results with the verdict scripts gate on. */
public record CheckReport(List<CheckResult> checks) {

    public CheckReport {
        checks = List.copyOf(checks);
    }

    @JsonProperty("blocksUp")
    public boolean blocking() {
        return checks.stream().anyMatch(CheckResult::blocking);
    }

    public long count(Status status) {
        return checks.stream().filter(check -> check.status() == status).count();
    }

    @JsonProperty("summary")
    public String summary() {
        String verdict = blocking() ? "something blocks `cloudscale up`" : "ready for `cloudscale up`";
        return "%d ok, %d warning(s), %d failed, %d unknown: %s".formatted(
                count(Status.OK), count(Status.WARN), count(Status.FAIL), count(Status.UNKNOWN), verdict);
    }
}
