package io.cloudscale.playbooks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
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

    @Test
    void whatEveryThreadRecordedIsReadBackOnceInAll() throws Exception {
        LoadRecorder recorder = new LoadRecorder();
        int threads = 4;
        int each = 20_000;
        Thread[] writers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int offset = t;
            writers[t] = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    recorder.sent();
                    recorder.ended(i % 10 == 0 ? Outcome.UNAVAILABLE : Outcome.ACCEPTED, 0, (offset * each + i) * 1000L);
                }
                recorder.unsent(0, 5_000_000L);
            });
        }
        long sent = 0;
        long unsent = 0;
        StatusCounts counts = StatusCounts.NONE;
        Histogram latency = new Histogram(LoadRecorder.HIGHEST_MICROS, 3);
        for (Thread writer : writers) {
            writer.start();
        }
        for (int reads = 0; reads < 50; reads++) {
            LoadRecorder.Interval interval = recorder.read();
            sent += interval.sent();
            unsent += interval.unsent();
            counts = counts.plus(interval.counts());
            latency.add(interval.latency());
        }
        for (Thread writer : writers) {
            writer.join();
        }
        LoadRecorder.Interval last = recorder.read();
        sent += last.sent();
        unsent += last.unsent();
        counts = counts.plus(last.counts());
        latency.add(last.latency());

        assertEquals(threads * each, sent);
        assertEquals(threads, unsent);
        assertEquals(threads * each / 10, counts.unavailable());
        assertEquals(threads * each - threads * each / 10, counts.accepted());
        assertEquals(threads * each + threads, latency.getTotalCount());
        assertEquals(threads * each - 1, latency.getMaxValue(), threads * each / 1000.0); // microseconds
        assertEquals(LoadRecorder.Interval.class, recorder.read().getClass());
        assertEquals(0, recorder.read().latency().getTotalCount());
    }
}
