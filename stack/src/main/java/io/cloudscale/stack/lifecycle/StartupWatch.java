package io.cloudscale.stack.lifecycle;

import io.cloudscale.probes.signals.ServiceState;
import io.cloudscale.core.Poll;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Watches a project's services come up, service by service, until each is healthy or has failed:
 * exited, dead, restarting or unhealthy during start-up. A failed service is settled at once — nobody
 * waits out a timeout for a container that is already gone.
 */
record StartupWatch(ProjectView view, Duration poll) {

    interface Listener {
        void update(List<ServiceProgress> services);
    }

    /** Compose itself is given the timeout and this much more before it is stopped. */
    static final Duration COMPOSE_OVERRUN = Duration.ofSeconds(30);

    /**
     * @param composeDone true once compose itself has returned (after that, a service still not created never will be)
     */
    List<ServiceProgress> await(List<String> services, Duration timeout, BooleanSupplier composeDone, Listener listener) throws InterruptedException {
        long started = System.nanoTime();
        java.time.Instant begun = java.time.Instant.now();
        Map<String, ServiceProgress> settled = new LinkedHashMap<>();
        // past the timeout it waits for compose to return, which its own deadline bounds
        return Poll.until(() -> {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            boolean composeFinished = composeDone.getAsBoolean();
            Map<String, ServiceState> states = view.services();
            Map<String, ServiceProgress> now = new LinkedHashMap<>();
            for (String service : services) {
                ServiceProgress done = settled.get(service);
                if (done != null) {
                    now.put(service, done);
                    continue;
                }
                ServiceState state = states.get(service);
                ServiceProgress progress;
                if (state == null) {
                    progress = composeFinished
                            ? new ServiceProgress(service, ServiceProgress.Phase.FAILED, elapsed, "never created (a service it depends on failed)", null)
                            : new ServiceProgress(service, ServiceProgress.Phase.STARTING, elapsed, "waiting to be created", null);
                } else if (!composeFinished && !startedSince(state, begun)) {
                    // a container from before this `up`: compose may still re-create it (changed image or
                    // settings), so what it shows now says nothing yet about the stack being started
                    progress = new ServiceProgress(service, ServiceProgress.Phase.STARTING, elapsed, state.describe(), state);
                } else if (state.ready()) {
                    progress = new ServiceProgress(service, ServiceProgress.Phase.HEALTHY, elapsed, state.describe(), state);
                } else if (state.failed()) {
                    progress = new ServiceProgress(service, ServiceProgress.Phase.FAILED, elapsed, state.describe(), state);
                } else if (elapsed.compareTo(timeout) >= 0) {
                    progress = new ServiceProgress(service, ServiceProgress.Phase.FAILED, elapsed, "not healthy within " + timeout.toSeconds() + " s: " + state.describe(), state);
                } else {
                    progress = new ServiceProgress(service, ServiceProgress.Phase.STARTING, elapsed, state.describe(), state);
                }
                if (progress.phase() != ServiceProgress.Phase.STARTING) {
                    settled.put(service, progress);
                }
                now.put(service, progress);
            }
            List<ServiceProgress> snapshot = List.copyOf(now.values());
            listener.update(snapshot);
            return new Round(snapshot, settled.size() == services.size() || composeFinished && elapsed.compareTo(timeout) >= 0);
        }, Round::over, poll, timeout.plus(COMPOSE_OVERRUN)).last().services();
    }

    /** One look at the services, and whether the watch is over: each settled, or the time up and compose returned. */
    private record Round(List<ServiceProgress> services, boolean over) {
    }

    private static boolean startedSince(ServiceState state, java.time.Instant begun) {
        return state.startedAt() != null && state.startedAt().isAfter(begun);
    }
}
