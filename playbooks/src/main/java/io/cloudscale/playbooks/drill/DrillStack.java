package io.cloudscale.playbooks.drill;

import io.cloudscale.stack.lifecycle.PipelineReadings;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The running stack as a drill acts on it, wherever it runs: one service stopped and started, or re-deployed with a
 * setting changed and put back; the whole stack awaited healthy; the dashboard's count read. What only one target
 * can do (compose's pause and network cuts) is on its own kind, for the faults of that target alone.
 */
public sealed interface DrillStack permits ComposeDrillStack, ClusterDrillStack {

    /** A service's setting as each target sets it: the compose file's variable, the container's environment variable on a cluster. */
    record Setting(String composeVariable, String env) {
    }

    /** The services the stack runs: its profile's on compose, its Deployments on a cluster (stopped ones included). */
    List<String> services();

    /** The compose project, or the cluster's namespace. */
    String project();

    /** The compose profile the stack runs; on a cluster, the target's name (the drill acts on whatever overlay runs). */
    String profileName();

    void stop(String service) throws Exception;

    /** Starts a service {@link #stop} stopped, as it was. */
    void start(String service) throws Exception;

    /** Re-deploys the service with these settings over its own, and returns once it is healthy or has failed: a fault is in place only from then on. */
    void recreate(String service, Map<Setting, String> settings) throws Exception;

    /** Re-deploys the service with its own settings again, undoing {@link #recreate}. */
    void restoreSettings(String service) throws Exception;

    /** Waits until every service of the stack runs and is ready; what is not, when the time is up. */
    List<String> awaitHealthy(Duration timeout) throws InterruptedException;

    /** Events stored, as the dashboard shows them, and when it counted them; null when the dashboard cannot say. */
    DashboardCount storedCount();

    /** The dashboard's count in a reading, or null when the dashboard or its store could not be read. */
    static DashboardCount storedIn(PipelineReadings.Reading reading) {
        return reading.unreachable().containsKey("dashboard") || reading.unreachable().containsKey("store") || reading.storedEvents() == null
                ? null : new DashboardCount(reading.storedEvents(), reading.storedCountedAt());
    }
}
