package io.cracktrader.engine.indicator;

/**
 * Aroon over the last {@code period + 1} bars: up = 100 × (period − bars since the highest high) /
 * period, down likewise with the lowest low; oscillator = up − down.
 */
public final class Aroon {
    private final int period;
    private final RollingWindow highs;
    private final RollingWindow lows;
    private double up = Double.NaN;
    private double down = Double.NaN;

    public Aroon(int period) {
        this.period = period;
        highs = new RollingWindow(period + 1);
        lows = new RollingWindow(period + 1);
    }

    /** Returns Aroon up. */
    public double update(double high, double low) {
        highs.add(high);
        lows.add(low);
        if (!highs.full()) {
            return Double.NaN;
        }
        up = 100.0 * (period - highs.barsSinceMax()) / period;
        down = 100.0 * (period - lows.barsSinceMin()) / period;
        return up;
    }

    public double up() {
        return up;
    }

    public double down() {
        return down;
    }

    public double oscillator() {
        return up - down;
    }
}
