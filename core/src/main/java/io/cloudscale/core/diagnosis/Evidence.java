package io.cloudscale.core.diagnosis;

import java.time.Instant;

/** One line of proof: where it was read, when it was true, and what it said. */
public record Evidence(String source, Instant timestamp, String text) {
}
