package io.cracktrader.engine.indicator;

/**
 * Keltner channel: middle = EMA(typical price (high + low + close) / 3, period); upper/lower =
 * middle ± k × ATR(atrPeriod).
 */
public final class Keltner {
    private final Ema middle;
    private final Atr atr;
    private final double k;
    private double mid = Double.NaN;
    private double width = Double.NaN;

    public Keltner(int period, int atrPeriod, double k) {
        middle = new Ema(period);
        atr = new Atr(atrPeriod);
        this.k = k;
    }

    /** Returns the middle line. */
    public double update(double high, double low, double close) {
        mid = middle.update((high + low + close) / 3);
        width = k * atr.update(high, low, close);
        return mid;
    }

    public double upper() {
        return mid + width;
    }

    public double lower() {
        return mid - width;
    }
}
