package io.cracktrader.engine.indicator;

/**
 * Commodity channel index: typical price TP = (high + low + close) / 3;
 * {@code (TP − SMA(TP)) / (0.015 × mean absolute deviation of TP from that SMA)} over {@code period}.
 */
public final class Cci {
    private final RollingWindow typical;
    private final Sma mean;

    public Cci(int period) {
        typical = new RollingWindow(period);
        mean = new Sma(period);
    }

    public double update(double high, double low, double close) {
        double tp = (high + low + close) / 3;
        typical.add(tp);
        double m = mean.update(tp);
        if (Double.isNaN(m)) {
            return Double.NaN;
        }
        double deviation = 0;
        for (int back = 0; back < typical.size(); back++) {
            deviation += Math.abs(typical.get(back) - m);
        }
        deviation /= typical.size();
        return deviation == 0 ? 0 : (tp - m) / (0.015 * deviation);
    }
}
