package io.cloudscale.core;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/** Runs a piece of I/O on a virtual thread and gives up after its deadline: a check may be slow, never hung. */
public final class Deadline {

    private Deadline() {
    }

    /**
     * The task's result, or {@code onFailure} applied to what went wrong: a {@link TimeoutException}
     * after {@code limit}, or the task's own exception. A task that ignores interruption is abandoned,
     * not waited for.
     */
    public static <T> T within(Duration limit, Callable<T> task, Function<Throwable, T> onFailure) {
        FutureTask<T> future = new FutureTask<>(task);
        Thread.ofVirtual().name("deadline-task").start(future);
        try {
            return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return onFailure.apply(new TimeoutException("no answer within " + limit.toMillis() + " ms"));
        } catch (ExecutionException e) {
            return onFailure.apply(e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return onFailure.apply(e);
        }
    }
}
