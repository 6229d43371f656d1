package io.cracktrader.engine;

/**
 * The link between a running engine loop and the outside world: a stop request going in, progress
 * and live account figures coming out. The loop publishes every {@link #PUBLISH_EVERY} bars (and
 * at the end), so reading it costs the loop almost nothing.
 */
public final class RunControl {
    /** Bars between two checks of the stop flag and two progress publications. */
    public static final int PUBLISH_EVERY = 1024;

    private volatile boolean stopRequested;
    private volatile long barsProcessed;
    private volatile long barsTotal;
    private volatile double cash = Double.NaN;
    private volatile double value = Double.NaN;
    private volatile int fills;
    private volatile long engineNanos;

    public void requestStop() {
        stopRequested = true;
    }

    public boolean stopRequested() {
        return stopRequested;
    }

    public void expectBars(long total) {
        barsTotal = total;
    }

    /** Called by the engine loop with the figures of the bar it just finished. */
    public void publish(long processed, double cash, double value, int fills) {
        this.barsProcessed = processed;
        this.cash = cash;
        this.value = value;
        this.fills = fills;
    }

    public void addEngineNanos(long nanos) {
        engineNanos += nanos;
    }

    public long barsProcessed() {
        return barsProcessed;
    }

    public long barsTotal() {
        return barsTotal;
    }

    /** Fraction of the expected bars processed, 0..1. */
    public double progress() {
        long total = barsTotal;
        return total <= 0 ? 0.0 : Math.min(1.0, (double) barsProcessed / total);
    }

    public double cash() {
        return cash;
    }

    public double value() {
        return value;
    }

    public int fills() {
        return fills;
    }

    /** Time spent inside the engine loop alone, excluding data loading and storage. */
    public long engineNanos() {
        return engineNanos;
    }
}
