package io.cloudscale.probes.signals;

import java.time.Instant;

/**
 * The platform's services read wherever they run — compose's containers on this machine's engine, or a
 * cluster's pods — in one vocabulary, so the probes and the tree ask the same questions of either target.
 * A target that cannot be read within its deadline says so with {@link io.cloudscale.core.CloudscaleException.Unreachable}.
 */
public interface PlatformReader {

    /** Where the services are read, in words: a compose project, a cluster's context and namespace. */
    String describe();

    /** The name the services are found under: the compose project's, the namespace's. */
    String scope();

    /** Every service of the platform as it is now. */
    StackState services();

    /**
     * A service's log lines since {@code since}, at most {@code maxLines} of each run: the run now, and the one
     * before it when the service restarted (what it said as it crashed).
     */
    ServiceLog recentLog(String service, Instant since, int maxLines);
}
