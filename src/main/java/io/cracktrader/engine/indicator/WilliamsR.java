package io.cracktrader.engine.indicator;

/** Williams %R: −100 × (highest high − close) / (highest high − lowest low) over {@code period} bars. */
public final class WilliamsR {
    private final RollingWindow highs;
    private final RollingWindow lows;

    public WilliamsR(int period) {
        highs = new RollingWindow(period);
        lows = new RollingWindow(period);
    }

    public double update(double high, double low, double close) {
        highs.add(high);
        lows.add(low);
        if (!highs.full()) {
            return Double.NaN;
        }
        double range = highs.max() - lows.min();
        return range == 0 ? -50 : -100 * (highs.max() - close) / range;
    }
}
