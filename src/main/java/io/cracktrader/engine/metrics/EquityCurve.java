package io.cracktrader.engine.metrics;

import java.util.Arrays;

/**
 * Mark-to-market equity after each bar's close: time, value (cash + position × close), cash, and the
 * value of the buy-and-hold benchmark (all cash into the symbol at the first bar's open, same
 * commission and slippage, held). Pre-sized for backtests so recording allocates nothing.
 */
public final class EquityCurve {
    private long[] time;
    private double[] value;
    private double[] cash;
    private double[] benchmark;
    private int size;

    public EquityCurve(int capacity) {
        int c = Math.max(16, capacity);
        time = new long[c];
        value = new double[c];
        cash = new double[c];
        benchmark = new double[c];
    }

    public void record(long t, double v, double c, double b) {
        if (size == time.length) {
            int capacity = size * 2;
            time = Arrays.copyOf(time, capacity);
            value = Arrays.copyOf(value, capacity);
            cash = Arrays.copyOf(cash, capacity);
            benchmark = Arrays.copyOf(benchmark, capacity);
        }
        time[size] = t;
        value[size] = v;
        cash[size] = c;
        benchmark[size] = b;
        size++;
    }

    public int size() {
        return size;
    }

    public long time(int i) {
        return time[i];
    }

    public double value(int i) {
        return value[i];
    }

    public double cash(int i) {
        return cash[i];
    }

    /** Buy-and-hold value at point {@code i}; NaN where none was recorded. */
    public double benchmark(int i) {
        return benchmark[i];
    }

    /**
     * The portfolio curve of several sleeves: at every time any sleeve has a bar, each sleeve counts
     * with its latest value (its starting cash before its first bar).
     */
    public static EquityCurve combine(EquityCurve[] sleeves, double[] startingCash) {
        if (sleeves.length == 1) {
            return sleeves[0];
        }
        int total = 0;
        for (EquityCurve s : sleeves) {
            total += s.size;
        }
        EquityCurve out = new EquityCurve(total);
        int[] next = new int[sleeves.length];
        double[] lastValue = startingCash.clone();
        double[] lastCash = startingCash.clone();
        double[] lastBenchmark = startingCash.clone();
        while (true) {
            long t = Long.MAX_VALUE;
            for (int k = 0; k < sleeves.length; k++) {
                if (next[k] < sleeves[k].size) {
                    t = Math.min(t, sleeves[k].time[next[k]]);
                }
            }
            if (t == Long.MAX_VALUE) {
                return out;
            }
            double v = 0;
            double c = 0;
            double b = 0;
            for (int k = 0; k < sleeves.length; k++) {
                if (next[k] < sleeves[k].size && sleeves[k].time[next[k]] == t) {
                    lastValue[k] = sleeves[k].value[next[k]];
                    lastCash[k] = sleeves[k].cash[next[k]];
                    lastBenchmark[k] = sleeves[k].benchmark[next[k]];
                    next[k]++;
                }
                v += lastValue[k];
                c += lastCash[k];
                b += lastBenchmark[k];
            }
            out.record(t, v, c, b);
        }
    }
}
