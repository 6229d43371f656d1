package io.cracktrader.engine.indicator;

/** Donchian channel over {@code period} bars: upper = highest high, lower = lowest low, middle = their mean. */
public final class Donchian {
    private final RollingWindow highs;
    private final RollingWindow lows;

    public Donchian(int period) {
        highs = new RollingWindow(period);
        lows = new RollingWindow(period);
    }

    /** Adds the bar; returns the middle line, NaN until {@code period} bars were seen. */
    public double update(double high, double low) {
        highs.add(high);
        lows.add(low);
        return highs.full() ? (highs.max() + lows.min()) / 2 : Double.NaN;
    }

    public double upper() {
        return highs.full() ? highs.max() : Double.NaN;
    }

    public double lower() {
        return lows.full() ? lows.min() : Double.NaN;
    }
}
