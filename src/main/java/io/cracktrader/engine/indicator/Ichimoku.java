package io.cracktrader.engine.indicator;

/**
 * Ichimoku lines at the current bar, unshifted: tenkan = midpoint of the last {@code conversion}
 * bars' range, kijun = of the last {@code base}, senkou A = (tenkan + kijun) / 2, senkou B = midpoint
 * of the last {@code spanB}. Charts draw the senkou spans {@code base} bars ahead and the chikou
 * (the close) {@code base} bars behind; a strategy compares today's values without looking ahead.
 */
public final class Ichimoku {
    private final Donchian tenkan;
    private final Donchian kijun;
    private final Donchian spanB;
    private double tenkanValue = Double.NaN;
    private double kijunValue = Double.NaN;
    private double senkouB = Double.NaN;

    public Ichimoku(int conversion, int base, int spanBPeriod) {
        tenkan = new Donchian(conversion);
        kijun = new Donchian(base);
        spanB = new Donchian(spanBPeriod);
    }

    /** Returns tenkan-sen. */
    public double update(double high, double low) {
        tenkanValue = tenkan.update(high, low);
        kijunValue = kijun.update(high, low);
        senkouB = spanB.update(high, low);
        return tenkanValue;
    }

    public double tenkan() {
        return tenkanValue;
    }

    public double kijun() {
        return kijunValue;
    }

    public double senkouA() {
        return (tenkanValue + kijunValue) / 2;
    }

    public double senkouB() {
        return senkouB;
    }
}
