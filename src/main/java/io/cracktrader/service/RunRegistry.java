package io.cracktrader.service;

import io.cracktrader.error.RunnerBusyException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The runs of this process that have not finished, and the runner slot of the runner API: one
 * "current" run, and while it is active starting another through the runner is refused
 * (README, "Runner API").
 */
@ApplicationScoped
public class RunRegistry {
    private static final Logger LOG = Logger.getLogger(RunRegistry.class);
    private static final long STOP_WAIT_MILLIS = 2_000;
    /** Live status goes out every {@code STATUS_SLOTS} × 50 ms = 500 ms per run. */
    static final int STATUS_SLOTS = 10;

    private final Map<String, ActiveRun> active = new ConcurrentHashMap<>();
    private final AtomicInteger nextStatusSlot = new AtomicInteger();
    private final Object runnerLock = new Object();
    private volatile String runnerRunId;

    public RunRegistry(RunMetrics metrics) {
        metrics.watch(active);
    }

    /** The 50 ms slot of each half second in which the next run's live status goes out. */
    int nextStatusSlot() {
        return Math.floorMod(nextStatusSlot.getAndIncrement(), STATUS_SLOTS);
    }

    void add(ActiveRun run) {
        active.put(run.id, run);
    }

    void remove(ActiveRun run) {
        active.remove(run.id);
    }

    ActiveRun get(String id) {
        return active.get(id);
    }

    Collection<ActiveRun> all() {
        return active.values();
    }

    /** How many runs are executing or waiting. */
    public int activeCount() {
        return (int) active.values().stream().filter(r -> r.status.active()).count();
    }

    /** Starts a run as the runner's current run, unless the current one is still active. */
    ActiveRun claimRunner(Supplier<ActiveRun> launch) {
        synchronized (runnerLock) {
            ActiveRun current = runnerRunId == null ? null : active.get(runnerRunId);
            if (current != null && current.status.active()) {
                throw new RunnerBusyException(current.status.code());
            }
            ActiveRun run = launch.get();
            runnerRunId = run.id;
            return run;
        }
    }

    String runnerRunId() {
        return runnerRunId;
    }

    boolean isRunner(String runId) {
        return runId.equals(runnerRunId);
    }

    /** Returns the runner to idle, first stopping its current run. */
    void resetRunner(Consumer<ActiveRun> beforeStop) {
        synchronized (runnerLock) {
            ActiveRun run = runnerRunId == null ? null : active.get(runnerRunId);
            if (run != null) {
                beforeStop.accept(run);
                stopAndWait(run, StopReason.USER);
            }
            runnerRunId = null;
        }
    }

    void forgetRunner(String runId) {
        synchronized (runnerLock) {
            if (runId.equals(runnerRunId)) {
                runnerRunId = null;
            }
        }
    }

    /** Asks a run to stop and waits briefly, so the answer can say it has stopped. */
    void stopAndWait(ActiveRun run, StopReason reason) {
        run.requestStop(reason);
        if (!await(run, STOP_WAIT_MILLIS)) {
            LOG.warnf("Run %s did not stop within %d ms", run.id, STOP_WAIT_MILLIS);
        }
    }

    /** Waits up to {@code millis} for the run to finish; true when it has. */
    boolean await(ActiveRun run, long millis) {
        try {
            return run.awaitFinished(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** On shutdown: every run is asked to stop, and records that the shutdown ended it. */
    void stopAll() {
        active.values().forEach(run -> run.requestStop(StopReason.SHUTDOWN));
    }
}
