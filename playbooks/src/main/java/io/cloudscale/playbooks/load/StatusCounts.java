package io.cloudscale.playbooks.load;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/** How many requests ended in each {@link Outcome}. */
public record StatusCounts(@JsonProperty("2xx") long accepted, @JsonProperty("429") long tooMany,
                           @JsonProperty("503") long unavailable, @JsonProperty("5xx") long serverError,
                           long other, long timeout, long connection) {

    public static final StatusCounts NONE = new StatusCounts(0, 0, 0, 0, 0, 0, 0);

    static StatusCounts of(long[] byOutcome) {
        return new StatusCounts(byOutcome[Outcome.ACCEPTED.ordinal()], byOutcome[Outcome.TOO_MANY.ordinal()],
                byOutcome[Outcome.UNAVAILABLE.ordinal()], byOutcome[Outcome.SERVER_ERROR.ordinal()],
                byOutcome[Outcome.OTHER.ordinal()], byOutcome[Outcome.TIMEOUT.ordinal()], byOutcome[Outcome.CONNECTION.ordinal()]);
    }

    public StatusCounts plus(StatusCounts more) {
        return new StatusCounts(accepted + more.accepted, tooMany + more.tooMany, unavailable + more.unavailable,
                serverError + more.serverError, other + more.other, timeout + more.timeout, connection + more.connection);
    }

    /** Requests that ended, one way or another. */
    @JsonIgnore
    public long total() {
        return accepted + tooMany + unavailable + serverError + other + timeout + connection;
    }

    /** Turned away on purpose: 429 and 503. */
    @JsonIgnore
    public long rejected() {
        return tooMany + unavailable;
    }

    /** Failures no healthy system gives: other 5xx, timeouts, refused or reset connections. */
    @JsonIgnore
    public long broken() {
        return serverError + timeout + connection;
    }

    /** The share of requests answered 2xx; 1 when none ended. */
    public double successRatio() {
        return total() == 0 ? 1.0 : (double) accepted / total();
    }
}
