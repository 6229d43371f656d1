package io.cracktrader.engine.indicator;

/**
 * Simple moving average over the last {@code period} values, updated one value at a time.
 *
 * <p>The window sum is exact ({@link ExactSum}), so the average is the correctly rounded sum
 * divided by the period, as {@code math.fsum(window) / period} gives: equal windows give equal
 * averages, bit for bit. No allocation after construction.
 */
public final class Sma {
    private final int period;
    private final double[] window;
    private final ExactSum sum = new ExactSum();
    private int seen;

    public Sma(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("period must be at least 1");
        }
        this.period = period;
        this.window = new double[period];
    }

    /** Adds the next value and returns the average, or NaN until {@code period} values were seen. */
    public double update(double value) {
        int slot = seen % period;
        if (seen >= period) {
            sum.add(-window[slot]);
        }
        window[slot] = value;
        sum.add(value);
        seen++;
        return seen >= period ? sum.value() / period : Double.NaN;
    }

    public boolean ready() {
        return seen >= period;
    }

    public int period() {
        return period;
    }
}
