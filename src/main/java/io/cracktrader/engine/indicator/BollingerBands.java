package io.cracktrader.engine.indicator;

/** Bollinger bands: middle = SMA(period); upper/lower = middle ± k × population standard deviation. */
public final class BollingerBands {
    private final Sma middle;
    private final StdDev deviation;
    private final double k;
    private double mid = Double.NaN;
    private double width = Double.NaN;

    public BollingerBands(int period, double k) {
        this.middle = new Sma(period);
        this.deviation = new StdDev(period);
        this.k = k;
    }

    /** Returns the middle band. */
    public double update(double close) {
        mid = middle.update(close);
        width = k * deviation.update(close);
        return mid;
    }

    public double middle() {
        return mid;
    }

    public double upper() {
        return mid + width;
    }

    public double lower() {
        return mid - width;
    }
}
