package io.cloudscale.stack.images;

import java.time.Duration;

/** What became of one image: built, already up to date, or failed (with why). */
public record ImageOutcome(String image, Result result, Duration took, String inputs, String detail) {

    public enum Result { BUILT, UP_TO_DATE, FAILED }

    public boolean ok() {
        return result != Result.FAILED;
    }
}
