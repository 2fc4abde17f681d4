package io.cloudscale.stack.setup;

import io.cloudscale.core.Status;
import io.cloudscale.core.check.CheckResult;
import java.util.List;

/**
 * What setup found and what it would do about it.
 *
 * @param machine  the system, the user and the service manager, as a person reads them
 * @param checks   each need, as found
 * @param steps    the changes the tool makes itself, in order
 * @param manual   commands a person must run because the tool cannot (not root, not Debian or Ubuntu, no JDK 25)
 * @param notDoing what setup leaves alone on purpose, so nobody expects it
 */
public record SetupPlan(SetupPurpose purpose, String machine, List<CheckResult> checks, List<SetupStep> steps, List<String> manual,
                        List<String> notDoing) {

    public SetupPlan {
        checks = List.copyOf(checks);
        steps = List.copyOf(steps);
        manual = List.copyOf(manual);
        notDoing = List.copyOf(notDoing);
    }

    /** Nothing to do: every need is met. */
    public boolean ready() {
        return steps.isEmpty() && manual.isEmpty() && checks.stream().noneMatch(check -> check.status() == Status.FAIL);
    }

    /** Something is missing that only a person can provide. */
    public boolean needsAPerson() {
        return !manual.isEmpty();
    }
}
