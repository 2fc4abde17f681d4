package io.cloudscale.playbooks.load;

import org.HdrHistogram.Histogram;

/** Latency percentiles in milliseconds, each counted from the request's intended send time. */
public record Latency(double p50, double p90, double p99, double p999, double max, double mean) {

    public static final Latency NONE = new Latency(0, 0, 0, 0, 0, 0);

    /** From a histogram of microseconds. */
    public static Latency of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return NONE;
        }
        return new Latency(ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(90)),
                ms(micros.getValueAtPercentile(99)), ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()),
                Math.round(micros.getMean()) / 1000.0);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
