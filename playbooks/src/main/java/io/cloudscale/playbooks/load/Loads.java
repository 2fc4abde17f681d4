package io.cloudscale.playbooks.load;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.Failures;
import io.cloudscale.playbooks.StackSession;
import io.cloudscale.stack.lifecycle.StackLifecycle;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * {@code cloudscale load}: runs a plan against the ingestion endpoint and, when the target is this stack's own
 * gateway, watches the stack through it (restarts, accepted events that never arrived).
 */
public final class Loads {

    /** How long to wait after the test for the processor to drain what the test queued. */
    static final Duration DRAIN_LIMIT = Duration.ofSeconds(60);

    private final StackSession session;

    public Loads(StackSession session) {
        this.session = session;
    }

    /** The stack's ingestion endpoint through its gateway, from the stack's settings. */
    public URI stackTarget() {
        return session.endpoints().ingest();
    }

    /**
     * Runs the plan. {@code notes} hears what the run could not do (watch the stack) and why; the test itself
     * goes ahead without it.
     */
    public LoadReport run(LoadPlan plan, LoadTest.Listener listener, Consumer<String> notes) throws InterruptedException {
        LoadTest test = new LoadTest(session.clock());
        if (!targetsThisStack(plan.target())) {
            return test.run(plan, listener);
        }
        try (StackLifecycle lifecycle = session.lifecycle()) {
            StackWitness witness = new StackWitness(lifecycle, session.project(), DRAIN_LIMIT);
            StackWitness.Before before;
            try {
                before = witness.before();
            } catch (CloudscaleException.Unreachable e) {
                notes.accept("not watching the stack (restarts, lost events): " + e.getMessage());
                return test.run(plan, listener);
            }
            LoadReport report = test.run(plan, listener);
            long accepted = report.totals().accepted() + report.warmupAccepted();
            notes.accept("accounting for %d accepted events, the warm-up's included (waiting up to %ds for the queue to drain)..."
                    .formatted(accepted, DRAIN_LIMIT.toSeconds()));
            try {
                return report.withStack(witness.after(before, accepted));
            } catch (RuntimeException e) {
                notes.accept("could not look at the stack after the test: " + Failures.describe(e));
                return report;
            }
        }
    }

    /** True when the target is this stack's own ingestion endpoint (false when the stack's settings cannot be read). */
    public boolean targetsThisStack(URI target) {
        try {
            return sameEndpoint(target, stackTarget());
        } catch (CloudscaleException.Usage unreadableSettings) {
            return false;
        }
    }

    static boolean sameEndpoint(URI a, URI b) {
        return a.getPort() == b.getPort() && a.getPath().equals(b.getPath()) && sameHost(a.getHost(), b.getHost());
    }

    private static boolean sameHost(String a, String b) {
        try {
            InetAddress left = InetAddress.getByName(a);
            InetAddress right = InetAddress.getByName(b);
            return left.equals(right) || (left.isLoopbackAddress() && right.isLoopbackAddress());
        } catch (UnknownHostException e) {
            return a.equalsIgnoreCase(b);
        }
    }
}
