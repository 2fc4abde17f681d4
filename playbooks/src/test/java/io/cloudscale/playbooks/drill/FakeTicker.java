package io.cloudscale.playbooks.drill;

import io.cloudscale.core.Poll;
import java.time.Duration;

/** A watch's clock in tests: time moves only when the watch waits. */
final class FakeTicker implements Poll.Ticker {
    long nanos;

    @Override
    public long nanos() {
        return nanos;
    }

    @Override
    public void sleep(Duration duration) {
        nanos += duration.toNanos();
    }
}
