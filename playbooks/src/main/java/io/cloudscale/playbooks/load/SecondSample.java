package io.cloudscale.playbooks.load;

/**
 * One interval of a run (a second, shorter at a stage's end): what was sent, how it ended, how long it took.
 *
 * @param at         seconds from the start of the run to the end of this interval
 * @param seconds    how long the interval was
 * @param targetRate the arrival rate the generator was holding, requests/s
 */
public record SecondSample(double at, double seconds, double targetRate, long sent, long unsent, StatusCounts counts, Latency latency) {

    /** Answers (of any class) per second. */
    public double answeredRate() {
        return seconds <= 0 ? 0 : counts.total() / seconds;
    }
}
