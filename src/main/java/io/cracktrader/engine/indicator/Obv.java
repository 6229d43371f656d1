package io.cracktrader.engine.indicator;

/** On-balance volume: cumulative volume, added on an up close, subtracted on a down close; starts at 0. */
public final class Obv {
    private double previousClose = Double.NaN;
    private double value;

    public double update(double close, double volume) {
        if (!Double.isNaN(previousClose)) {
            if (close > previousClose) {
                value += volume;
            } else if (close < previousClose) {
                value -= volume;
            }
        }
        previousClose = close;
        return value;
    }
}
