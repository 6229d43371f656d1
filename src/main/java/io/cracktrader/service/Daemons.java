package io.cracktrader.service;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The service's own background threads: daemons (they never hold a shutdown up), named for thread dumps. */
public final class Daemons {
    private Daemons() {
    }

    /** Threads called {@code name-1}, {@code name-2}, … */
    public static ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** One scheduler thread called {@code name-1}. */
    public static ScheduledExecutorService scheduler(String name) {
        return Executors.newSingleThreadScheduledExecutor(threads(name));
    }
}
