package io.cracktrader.engine.metrics;

/**
 * Running statistics of an equity series, updated once per bar without allocating: last value,
 * peak and maximum drawdown (a fraction of the peak; the initial cash counts as the first peak), and
 * mean and sample variance of per-bar simple returns (Welford's single-pass method, stable over
 * millions of bars).
 */
public final class EquityStats {
    private final double initial;
    private double last;
    private double peak;
    private double maxDrawdown;
    private long returns;
    private double mean;
    private double m2;
    private long bars;

    public EquityStats(double initial) {
        this.initial = initial;
        this.last = initial;
        this.peak = initial;
    }

    public void record(double value) {
        bars++;
        if (value > peak) {
            peak = value;
        } else if (peak > 0) {
            double drawdown = (peak - value) / peak;
            if (drawdown > maxDrawdown) {
                maxDrawdown = drawdown;
            }
        }
        if (last > 0) {
            double r = value / last - 1;
            returns++;
            double delta = r - mean;
            mean += delta / returns;
            m2 += delta * (r - mean);
        }
        last = value;
    }

    public double initial() {
        return initial;
    }

    public double last() {
        return last;
    }

    public long bars() {
        return bars;
    }

    public double maxDrawdown() {
        return maxDrawdown;
    }

    public double meanReturn() {
        return mean;
    }

    /** Sample standard deviation (n − 1) of per-bar returns; 0 with fewer than two returns. */
    public double returnDeviation() {
        return returns > 1 ? Math.sqrt(m2 / (returns - 1)) : 0;
    }

    public static EquityStats of(double initial, EquityCurve curve) {
        EquityStats stats = new EquityStats(initial);
        for (int i = 0; i < curve.size(); i++) {
            stats.record(curve.value(i));
        }
        return stats;
    }
}
