package io.cloudscale.probes.logs;

import java.time.Instant;
import java.util.List;

/** How often a signature appeared, when first and last, what it named, and a few of the lines themselves. */
public record SignatureMatch(String signature, String meaning, long count, Instant firstSeen, Instant lastSeen,
                             List<String> details, List<String> samples) {
}
