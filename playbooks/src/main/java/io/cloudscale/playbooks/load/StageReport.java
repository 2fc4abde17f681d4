package io.cloudscale.playbooks.load;

/**
 * One rate held: how much of it was sent, how it ended, and how long it took.
 *
 * @param sentRate     requests the generator put on the wire per second (the arrival rate it achieved)
 * @param acceptedRate 2xx answers per second
 */
public record StageReport(double targetRate, double seconds, long sent, long unsent, double sentRate, double acceptedRate,
                          StatusCounts counts, double successRatio, Latency latency) {
}
