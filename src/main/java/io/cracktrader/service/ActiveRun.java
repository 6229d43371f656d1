package io.cracktrader.service;

import io.cracktrader.engine.RunControl;
import io.cracktrader.service.view.EquityPointView;
import io.cracktrader.service.view.TradeView;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A run that has not finished yet: its spec, its control link to the engine, and its live state. */
final class ActiveRun {
    private static final int RECENT_TRADES = 50;
    /** Live equity points kept for a running paper run; when full, every other point is dropped. */
    private static final int LIVE_EQUITY_POINTS = 1000;

    final String id;
    final RunSpec spec;
    final long createdAt;
    final RunOrigin origin;
    final RunControl control = new RunControl();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final ArrayDeque<TradeView> recentTrades = new ArrayDeque<>();
    private final ArrayList<EquityPointView> liveEquity = new ArrayList<>();
    private int equityStride = 1;
    private long equitySeen;

    volatile RunStatus status = RunStatus.STARTING;
    /** Why it ended without completing, once it has; the first stop request decides it. */
    volatile StopReason stopReason;
    /** Fills the run has produced (counted on its own thread) and, of those, fills the journal has stored. */
    volatile long fillsProduced;
    volatile long fillsDurable;
    /** Set once the run's end is being recorded: the lease heartbeat leaves its row alone from then on. */
    volatile boolean finishing;
    /** Set when another replica closed the run (its lease had expired): this replica must not write it again. */
    volatile boolean lost;
    volatile Long startedAt;
    /** Set only while a run that has ended stays here because its end could not be stored yet. */
    volatile Long finishedAt;
    volatile String error;
    /** Which 50 ms slot of each half second this run's live status is published in. */
    volatile int statusSlot;
    /** Symbols with an open position after the last bar of a live (paper) run. */
    volatile int openPositions;
    /** Told when a stop is requested, so a run that is waiting (queued, or between bars) ends at once. */
    private volatile Runnable onStop = () -> { };

    ActiveRun(String id, RunSpec spec, long createdAt, RunOrigin origin, int statusSlot) {
        this.id = id;
        this.origin = origin;
        this.spec = spec;
        this.createdAt = createdAt;
        this.statusSlot = statusSlot;
    }

    /** The id of the run's {@code seq}-th fill: the same while it streams and once it is stored. */
    String fillId(long seq) {
        return fillId(id, seq);
    }

    static String fillId(String runId, long seq) {
        return runId.substring(0, 8) + "-" + seq;
    }

    void onStop(Runnable hook) {
        this.onStop = hook;
    }

    void requestStop(StopReason reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
        control.requestStop();
        onStop.run();
    }

    void addTrade(TradeView trade) {
        synchronized (recentTrades) {
            if (recentTrades.size() == RECENT_TRADES) {
                recentTrades.removeFirst();
            }
            recentTrades.addLast(trade);
        }
    }

    /** The latest fills, newest last. */
    List<TradeView> recentTrades() {
        synchronized (recentTrades) {
            return List.copyOf(recentTrades);
        }
    }

    /**
     * Records a bar's equity while the run is live. The curve stays bounded: when full, every other
     * point goes and from then on only every {@code stride}-th bar is kept, so it always spans the run.
     */
    void addEquity(long time, double value, double cash, double benchmark) {
        synchronized (liveEquity) {
            if (equitySeen++ % equityStride != 0) {
                return;
            }
            if (liveEquity.size() == LIVE_EQUITY_POINTS) {
                for (int i = 0; i < LIVE_EQUITY_POINTS / 2; i++) {
                    liveEquity.set(i, liveEquity.get(2 * i));
                }
                liveEquity.subList(LIVE_EQUITY_POINTS / 2, LIVE_EQUITY_POINTS).clear();
                equityStride *= 2;
            }
            liveEquity.add(new EquityPointView(Instant.ofEpochMilli(time), value, cash, value - spec.initialCash(),
                    Double.isNaN(benchmark) ? null : benchmark));
        }
    }

    List<EquityPointView> liveEquity() {
        synchronized (liveEquity) {
            return List.copyOf(liveEquity);
        }
    }

    void markFinished() {
        finished.countDown();
    }

    boolean awaitFinished(long millis) throws InterruptedException {
        return finished.await(millis, TimeUnit.MILLISECONDS);
    }

    /** Backtests: time in the engine loop; paper and live runs: wall time since they began. */
    double runtimeSeconds(long nowMillis) {
        if (spec.mode() == RunMode.BACKTEST) {
            return control.engineNanos() / 1e9;
        }
        Long started = startedAt;
        return started == null ? 0 : (nowMillis - started) / 1000.0;
    }
}
