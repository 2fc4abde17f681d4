package io.cloudscale.probes.signals;

/** One reading of a queue: active (ready) messages, dead-lettered ones, scheduled ones and consumers where the broker says. */
public record QueueCounts(long active, long deadLetter, Long scheduled, Integer consumers) {
}
