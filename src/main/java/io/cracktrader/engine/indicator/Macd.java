package io.cracktrader.engine.indicator;

/** MACD: line = EMA(fast) − EMA(slow); signal = EMA(signal) of the line; histogram = line − signal. */
public final class Macd {
    private final Ema fast;
    private final Ema slow;
    private final Ema signal;
    private double line = Double.NaN;
    private double signalValue = Double.NaN;

    public Macd(int fastPeriod, int slowPeriod, int signalPeriod) {
        fast = new Ema(fastPeriod);
        slow = new Ema(slowPeriod);
        signal = new Ema(signalPeriod);
    }

    /** Returns the MACD line. */
    public double update(double close) {
        double f = fast.update(close);
        double s = slow.update(close);
        if (Double.isNaN(s) || Double.isNaN(f)) {
            return Double.NaN;
        }
        line = f - s;
        signalValue = signal.update(line);
        return line;
    }

    public double line() {
        return line;
    }

    public double signal() {
        return signalValue;
    }

    public double histogram() {
        return line - signalValue;
    }
}
