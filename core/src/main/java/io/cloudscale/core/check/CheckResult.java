package io.cloudscale.core.check;

import io.cloudscale.core.Status;

/**
 * One line of an environment check: what was checked, how it came out, what was seen, and what to
 * do about it. {@code blocking} marks a result that would make {@code cloudscale up} fail.
 */
public record CheckResult(String name, Status status, String detail, String advice, boolean blocking) {

    public static CheckResult ok(String name, String detail) {
        return new CheckResult(name, Status.OK, detail, null, false);
    }

    public static CheckResult warn(String name, String detail, String advice) {
        return new CheckResult(name, Status.WARN, detail, advice, false);
    }

    public static CheckResult fail(String name, String detail, String advice) {
        return new CheckResult(name, Status.FAIL, detail, advice, true);
    }

    public static CheckResult unknown(String name, String detail, String advice) {
        return new CheckResult(name, Status.UNKNOWN, detail, advice, false);
    }
}
