package io.cloudscale.playbooks.load;

/** What became of one request, in the classes an operator reads a load test by. */
public enum Outcome {
    /** 2xx: the endpoint took the request. */
    ACCEPTED,
    /** 429: the client was over its quota. */
    TOO_MANY,
    /** 503: the endpoint shed the request to protect itself. */
    UNAVAILABLE,
    /** 500, 502, 504...: the endpoint or something behind it failed. */
    SERVER_ERROR,
    /** 1xx, 3xx, other 4xx: the endpoint refused the request itself (a test that sends the wrong thing). */
    OTHER,
    /** Sent, and no answer within the timeout. */
    TIMEOUT,
    /** Refused, reset or closed before an answer. */
    CONNECTION;

    public static Outcome of(int status) {
        if (status >= 200 && status < 300) {
            return ACCEPTED;
        }
        if (status == 429) {
            return TOO_MANY;
        }
        if (status == 503) {
            return UNAVAILABLE;
        }
        return status >= 500 && status < 600 ? SERVER_ERROR : OTHER;
    }
}
