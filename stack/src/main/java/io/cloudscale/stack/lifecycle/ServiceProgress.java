package io.cloudscale.stack.lifecycle;

import io.cloudscale.probes.signals.ServiceState;
import java.time.Duration;

/** Where one service stands during `up`: starting, healthy, or failed (with the state that says why). */
public record ServiceProgress(String service, Phase phase, Duration elapsed, String detail, ServiceState state) {

    public enum Phase { STARTING, HEALTHY, FAILED }
}
