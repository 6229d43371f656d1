package io.cracktrader.engine.indicator;

/** Average true range: Wilder-smoothed true range, seeded with the average of the first {@code period}. */
public final class Atr {
    private final TrueRange trueRange = new TrueRange();
    private final Ema average;

    public Atr(int period) {
        average = Ema.wilder(period);
    }

    public double update(double high, double low, double close) {
        return average.update(trueRange.update(high, low, close));
    }
}
