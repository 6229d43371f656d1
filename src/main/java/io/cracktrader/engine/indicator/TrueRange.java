package io.cracktrader.engine.indicator;

/** True range: {@code max(high − low, |high − previous close|, |low − previous close|)}; the first bar's is high − low. */
public final class TrueRange {
    private double previousClose = Double.NaN;

    public double update(double high, double low, double close) {
        double tr = high - low;
        if (!Double.isNaN(previousClose)) {
            tr = Math.max(tr, Math.max(Math.abs(high - previousClose), Math.abs(low - previousClose)));
        }
        previousClose = close;
        return tr;
    }
}
