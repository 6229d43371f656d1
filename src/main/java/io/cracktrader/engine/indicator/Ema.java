package io.cracktrader.engine.indicator;

/**
 * Exponential moving average with {@code alpha = 2 / (period + 1)}, seeded with the simple average
 * of the first {@code period} values (NaN before). {@link #wilder} gives Wilder's smoothing
 * ({@code alpha = 1 / period}), used by RSI, ATR and ADX.
 */
public final class Ema {
    private final int period;
    private final double alpha;
    private final Sma seed;
    private double value = Double.NaN;

    public Ema(int period) {
        this(period, 2.0 / (period + 1));
    }

    private Ema(int period, double alpha) {
        this.period = period;
        this.alpha = alpha;
        this.seed = new Sma(period);
    }

    public static Ema wilder(int period) {
        return new Ema(period, 1.0 / period);
    }

    public double update(double x) {
        if (Double.isNaN(value)) {
            double s = seed.update(x);
            if (!Double.isNaN(s)) {
                value = s;
            }
        } else {
            value += alpha * (x - value);
        }
        return value;
    }

    public double value() {
        return value;
    }

    public boolean ready() {
        return !Double.isNaN(value);
    }

    public int period() {
        return period;
    }
}
