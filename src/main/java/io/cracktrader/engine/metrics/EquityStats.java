package io.cracktrader.engine.metrics;

/**
 * Running statistics of an equity series, updated once per bar without allocating: last value; peak,
 * maximum drawdown (a fraction of the peak; the initial cash counts as the first peak) and the longest
 * drawdown in bars (from a peak until equity regains it, or the end); mean, sample variance and
 * downside mean square of per-bar simple returns (Welford's single-pass method, stable over millions
 * of bars); bars spent holding a position.
 */
public final class EquityStats {
    private final double initial;
    private double last;
    private double peak;
    private double maxDrawdown;
    private long barsSincePeak;
    private long longestDrawdownBars;
    private long returns;
    private double mean;
    private double m2;
    private double downsideSquares;
    private long bars;
    private long barsInMarket;

    public EquityStats(double initial) {
        this.initial = initial;
        this.last = initial;
        this.peak = initial;
    }

    public void record(double value) {
        record(value, false);
    }

    /** Records the equity after a bar's close; {@code inMarket} when a position was held at that close. */
    public void record(double value, boolean inMarket) {
        bars++;
        if (inMarket) {
            barsInMarket++;
        }
        if (value >= peak) {
            peak = value;
            barsSincePeak = 0;
        } else {
            barsSincePeak++;
            if (barsSincePeak > longestDrawdownBars) {
                longestDrawdownBars = barsSincePeak;
            }
            if (peak > 0) {
                double drawdown = (peak - value) / peak;
                if (drawdown > maxDrawdown) {
                    maxDrawdown = drawdown;
                }
            }
        }
        if (last > 0) {
            double r = value / last - 1;
            returns++;
            double delta = r - mean;
            mean += delta / returns;
            m2 += delta * (r - mean);
            if (r < 0) {
                downsideSquares += r * r;
            }
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

    /** The longest stretch, in bars, spent below a previous peak. */
    public long longestDrawdownBars() {
        return longestDrawdownBars;
    }

    public double meanReturn() {
        return mean;
    }

    /** Sample standard deviation (n − 1) of per-bar returns; 0 with fewer than two returns. */
    public double returnDeviation() {
        return returns > 1 ? Math.sqrt(m2 / (returns - 1)) : 0;
    }

    /** √(Σ min(r, 0)² / n) over all per-bar returns: the deviation Sortino divides by. */
    public double downsideDeviation() {
        return returns > 0 ? Math.sqrt(downsideSquares / returns) : 0;
    }

    /** Fraction of bars with a position held at the close. */
    public double exposure() {
        return bars == 0 ? 0 : (double) barsInMarket / bars;
    }

    public static EquityStats of(double initial, EquityCurve curve) {
        EquityStats stats = new EquityStats(initial);
        for (int i = 0; i < curve.size(); i++) {
            stats.record(curve.value(i));
        }
        return stats;
    }
}
