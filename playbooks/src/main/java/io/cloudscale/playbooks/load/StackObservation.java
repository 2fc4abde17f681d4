package io.cloudscale.playbooks.load;

import java.util.List;

/**
 * What the stack went through during a load test: containers that restarted or stopped, and whether every
 * event it accepted (202) arrived somewhere: stored, dead-lettered, or still queued.
 *
 * @param lost     accepted minus stored, dead-lettered and still queued; null when a count could not be read
 * @param unread   why a count is missing, when one is
 */
public record StackObservation(String project, List<Restart> restarts, long accepted, Long stored, Long deadLettered,
                               Long queued, Long lost, String unread) {

    public StackObservation {
        restarts = List.copyOf(restarts);
    }

    /** A container that did not stay up: restarted, re-created, or no longer running. */
    public record Restart(String service, String how) {
    }
}
