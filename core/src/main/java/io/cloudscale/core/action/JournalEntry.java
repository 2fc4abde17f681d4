package io.cloudscale.core.action;

import java.time.Instant;
import java.util.List;

/** One line of the journal: an applied (or failed) step with the evidence before and the result after. */
public record JournalEntry(Instant time, String command, String action, String target, String why,
                           List<String> before, boolean ok, String result, List<String> after) {
}
