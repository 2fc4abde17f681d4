package io.cloudscale.platform.store;

import io.cloudscale.platform.event.Event;

/** Where processed events end up. An upsert by event id makes a redelivered message harmless. */
public interface EventStore extends AutoCloseable {

    void upsert(Event event) throws StoreFailure;

    @Override
    void close();
}
