package io.cracktrader.engine.data;

import java.util.Arrays;

/**
 * OHLCV bars of one symbol stored column by column in primitive arrays (48 bytes per bar), in
 * strictly increasing time order. Bars are appended at the end only, so a strategy reading index
 * {@code i} never sees the future: backtests fill the series up front, paper runs append as bars
 * close.
 */
public final class BarSeries {
    private final String symbol;
    private final Timeframe timeframe;
    private long[] time;
    private double[] open;
    private double[] high;
    private double[] low;
    private double[] close;
    private double[] volume;
    private int size;

    public BarSeries(String symbol, Timeframe timeframe, int initialCapacity) {
        this.symbol = symbol;
        this.timeframe = timeframe;
        int capacity = Math.max(0, initialCapacity);
        time = new long[capacity];
        open = new double[capacity];
        high = new double[capacity];
        low = new double[capacity];
        close = new double[capacity];
        volume = new double[capacity];
    }

    /**
     * A series over columns that were already validated (time increasing, valid bars), such as a
     * stored dataset. The arrays are used as they are, not copied.
     */
    public static BarSeries wrap(String symbol, Timeframe timeframe, long[] time, double[] open, double[] high,
                                 double[] low, double[] close, double[] volume) {
        BarSeries s = new BarSeries(symbol, timeframe, 0);
        s.time = time;
        s.open = open;
        s.high = high;
        s.low = low;
        s.close = close;
        s.volume = volume;
        s.size = time.length;
        return s;
    }

    /**
     * Appends a bar. Time must increase and the prices must form a valid bar
     * ({@code low <= min(open, close)}, {@code max(open, close) <= high}).
     */
    public void append(long epochMillis, double o, double h, double l, double c, double v) {
        if (size > 0 && epochMillis <= time[size - 1]) {
            throw new IllegalArgumentException("bar time must increase: " + epochMillis + " after " + time[size - 1]);
        }
        if (!(l <= Math.min(o, c) && Math.max(o, c) <= h) || !(l > 0) || !(v >= 0)) {
            throw new IllegalArgumentException("invalid OHLCV bar at " + epochMillis);
        }
        if (size == time.length) {
            grow();
        }
        time[size] = epochMillis;
        open[size] = o;
        high[size] = h;
        low[size] = l;
        close[size] = c;
        volume[size] = v;
        size++;
    }

    private void grow() {
        int capacity = Math.max(16, time.length * 2);
        time = Arrays.copyOf(time, capacity);
        open = Arrays.copyOf(open, capacity);
        high = Arrays.copyOf(high, capacity);
        low = Arrays.copyOf(low, capacity);
        close = Arrays.copyOf(close, capacity);
        volume = Arrays.copyOf(volume, capacity);
    }

    public String symbol() {
        return symbol;
    }

    public Timeframe timeframe() {
        return timeframe;
    }

    public int size() {
        return size;
    }

    public long time(int i) {
        return time[i];
    }

    public double open(int i) {
        return open[i];
    }

    public double high(int i) {
        return high[i];
    }

    public double low(int i) {
        return low[i];
    }

    public double close(int i) {
        return close[i];
    }

    public double volume(int i) {
        return volume[i];
    }
}
