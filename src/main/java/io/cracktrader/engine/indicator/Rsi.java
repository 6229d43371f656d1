package io.cracktrader.engine.indicator;

/**
 * Wilder's relative strength index: average gain and loss of close-to-close changes, Wilder-smoothed
 * and seeded with the simple average of the first {@code period} changes;
 * {@code 100 − 100 / (1 + gain / loss)}, 100 when there was no loss (50 when nothing moved).
 */
public final class Rsi {
    private final Ema gains;
    private final Ema losses;
    private double previous = Double.NaN;

    public Rsi(int period) {
        gains = Ema.wilder(period);
        losses = Ema.wilder(period);
    }

    public double update(double close) {
        double prev = previous;
        previous = close;
        if (Double.isNaN(prev)) {
            return Double.NaN;
        }
        double change = close - prev;
        double g = gains.update(Math.max(change, 0));
        double l = losses.update(Math.max(-change, 0));
        if (Double.isNaN(g)) {
            return Double.NaN;
        }
        if (l == 0) {
            return g == 0 ? 50 : 100;
        }
        return 100 - 100 / (1 + g / l);
    }
}
