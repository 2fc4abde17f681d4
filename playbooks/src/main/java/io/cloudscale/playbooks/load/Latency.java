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

    /** Milliseconds as a person reads them: 12.3 ms, 1.25 s. */
    public static String format(double millis) {
        return millis >= 1000 ? String.format(java.util.Locale.ROOT, "%.2f s", millis / 1000) : String.format(java.util.Locale.ROOT, "%.1f ms", millis);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
