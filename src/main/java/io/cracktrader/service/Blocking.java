package io.cracktrader.service;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.function.Supplier;

/**
 * The one boundary between the event loop and blocking work (database, exchange calls, waiting on a
 * run): resources and services hand their work here and get a {@link Uni} that runs it on the worker
 * pool (docs/ARCHITECTURE.md, "Threads").
 */
public final class Blocking {
    private Blocking() {
    }

    public static <T> Uni<T> call(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** Starts {@code work} on the worker pool and does not wait for it. */
    public static void submit(Runnable work) {
        Infrastructure.getDefaultWorkerPool().execute(work);
    }
}
