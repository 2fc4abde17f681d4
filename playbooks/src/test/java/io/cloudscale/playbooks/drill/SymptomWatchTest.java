package io.cloudscale.playbooks.drill;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The dashboard and the clients are stand-ins here (counters the test moves); the real ones are drilled by `.ci/run`. */
class SymptomWatchTest {

    private final AtomicLong stored = new AtomicLong(1000);
    private final AtomicLong sent = new AtomicLong(5000);

    private SymptomWatch watch() {
        return new SymptomWatch(stored::get, sent::get, Duration.ofMillis(300), Duration.ofMillis(50));
    }

    @Test
    void aCountThatKeepsUpWithTheClientsIsNoSymptom() throws InterruptedException {
        Thread flowing = Thread.ofVirtual().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                sent.addAndGet(20);
                stored.addAndGet(19);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        SymptomWatch.Symptom symptom = watch().await(Duration.ofMillis(800));
        flowing.interrupt();

        assertFalse(symptom.seen(), symptom.reading());
    }

    @Test
    void aCountThatStallsWhileClientsSendIsTheSymptom() throws InterruptedException {
        Thread sending = Thread.ofVirtual().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                sent.addAndGet(20);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        SymptomWatch.Symptom symptom = watch().await(Duration.ofSeconds(5));
        sending.interrupt();

        assertTrue(symptom.seen(), symptom.reading());
        assertTrue(symptom.reading().startsWith("stored +0 while clients sent"), symptom.reading());
    }

    @Test
    void aDashboardThatCannotCountIsTheSymptomAtOnce() throws InterruptedException {
        SymptomWatch.Symptom symptom = new SymptomWatch(() -> null, sent::get, Duration.ofSeconds(6), Duration.ofMillis(50)).await(Duration.ofSeconds(5));

        assertTrue(symptom.seen());
        assertTrue(symptom.after().toMillis() < 1000);
    }

    @Test
    void whenClientsSendNothingOnlyAFlatCountIsTheSymptom() {
        assertTrue(SymptomWatch.stopped(0, 0));
        assertFalse(SymptomWatch.stopped(1, 0));
        assertTrue(SymptomWatch.stopped(5, 100), "a tenth of what was sent still counts as stopped: a shed stream trickles");
        assertFalse(SymptomWatch.stopped(11, 100));
    }
}
