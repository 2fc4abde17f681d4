package io.cloudscale.playbooks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Requests left unsent at a stage's end, recorded together, read back exactly as recorded one by one. */
class LoadRecorderTest {

    @ParameterizedTest
    @CsvSource({"1, 1000, 0", "7, 31.25, 5000", "100000, 31.25, 0", "300000, 1000.5, 123456", "50000, 3, 7200000000000", "20, 100000000, 0"})
    void unsentTogetherReadsAsUnsentOneByOne(long count, double nanosApart, long lateNanos) {
        long start = 1_000_000_000L;
        long end = start + (long) (count * nanosApart) + lateNanos;
        LoadRecorder together = new LoadRecorder();
        LoadRecorder oneByOne = new LoadRecorder();
        together.ended(Outcome.ACCEPTED, start - TimeUnit.MILLISECONDS.toNanos(3), start);
        oneByOne.ended(Outcome.ACCEPTED, start - TimeUnit.MILLISECONDS.toNanos(3), start);

        together.unsent(count, i -> start + (long) (i * nanosApart), end);
        for (long i = 0; i < count; i++) {
            oneByOne.unsent(start + (long) (i * nanosApart), end);
        }

        LoadRecorder.Interval a = together.read();
        LoadRecorder.Interval b = oneByOne.read();
        assertEquals(b.unsent(), a.unsent());
        assertEquals(b.counts(), a.counts());
        assertEquals(Latency.of(b.latency()), Latency.of(a.latency()));
        assertEquals(b.latency(), a.latency());
        Histogram sumA = new Histogram(LoadRecorder.HIGHEST_MICROS, 3);
        Histogram sumB = new Histogram(LoadRecorder.HIGHEST_MICROS, 3);
        sumA.add(a.latency());
        sumB.add(b.latency());
        assertEquals(sumB, sumA);
        assertEquals(sumB.getMinNonZeroValue(), sumA.getMinNonZeroValue());
        assertEquals(sumB.getStdDeviation(), sumA.getStdDeviation());
    }
}
