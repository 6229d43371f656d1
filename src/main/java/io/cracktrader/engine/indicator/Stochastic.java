package io.cracktrader.engine.indicator;

/**
 * Stochastic oscillator: %K = 100 × (close − lowest low) / (highest high − lowest low) over
 * {@code period} bars (50 when the range is zero); %D = SMA(dPeriod) of %K.
 */
public final class Stochastic {
    private final RollingWindow highs;
    private final RollingWindow lows;
    private final Sma d;
    private double k = Double.NaN;
    private double dValue = Double.NaN;

    public Stochastic(int period, int dPeriod) {
        highs = new RollingWindow(period);
        lows = new RollingWindow(period);
        d = new Sma(dPeriod);
    }

    /** Returns %K. */
    public double update(double high, double low, double close) {
        highs.add(high);
        lows.add(low);
        if (!highs.full()) {
            return Double.NaN;
        }
        double range = highs.max() - lows.min();
        k = range == 0 ? 50 : 100 * (close - lows.min()) / range;
        dValue = d.update(k);
        return k;
    }

    public double k() {
        return k;
    }

    public double d() {
        return dValue;
    }
}
