package io.cloudscale.probes.signals;

import java.util.Map;

/**
 * What the operator's dashboard showed at both ends of a window: whether it answered, the stored-event
 * count it displayed, its rate, and the parts it could not read (store, queue, processor).
 */
public record DashboardView(boolean answered, Long firstStored, Long lastStored, Double storedPerMinute,
                            Map<String, String> unreadable, String error) {

    public DashboardView {
        unreadable = unreadable == null ? Map.of() : Map.copyOf(unreadable);
    }

    /** It answered and could read the store: it shows a count at all. */
    public boolean readsStore() {
        return answered && lastStored != null && !unreadable.containsKey("store");
    }

    /** It shows events arriving: the count it displays grew, or it shows a positive rate. */
    public boolean counting() {
        return readsStore() && ((firstStored != null && lastStored > firstStored) || (storedPerMinute != null && storedPerMinute > 0));
    }
}
