package io.cloudscale.playbooks.drill;

import java.time.Duration;
import java.util.List;

/**
 * What a diagnosis named during a drill: the cause (null when it named none), whether every question
 * on its path was answered, how long it took to its verdict, the probes it ran, and the evidence it gave.
 */
public record Finding(String cause, boolean complete, Duration timeToVerdict, List<String> probes, List<String> evidence) {
}
