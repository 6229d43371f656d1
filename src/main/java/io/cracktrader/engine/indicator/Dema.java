package io.cracktrader.engine.indicator;

/** Double EMA: {@code 2 × EMA(x) − EMA(EMA(x))}. */
public final class Dema {
    private final Ema first;
    private final Ema second;

    public Dema(int period) {
        first = new Ema(period);
        second = new Ema(period);
    }

    public double update(double x) {
        double e1 = first.update(x);
        if (Double.isNaN(e1)) {
            return Double.NaN;
        }
        double e2 = second.update(e1);
        return Double.isNaN(e2) ? Double.NaN : 2 * e1 - e2;
    }
}
