package io.cracktrader.engine.indicator;

/**
 * Money flow index over {@code period}: raw flow = typical price × volume, positive when the typical
 * price rose, negative when it fell; {@code 100 − 100 / (1 + positive / negative)}.
 */
public final class Mfi {
    private final RollingWindow positive;
    private final RollingWindow negative;
    private double previousTypical = Double.NaN;

    public Mfi(int period) {
        positive = new RollingWindow(period);
        negative = new RollingWindow(period);
    }

    public double update(double high, double low, double close, double volume) {
        double tp = (high + low + close) / 3;
        double prev = previousTypical;
        previousTypical = tp;
        if (Double.isNaN(prev)) {
            return Double.NaN;
        }
        double flow = tp * volume;
        positive.add(tp > prev ? flow : 0);
        negative.add(tp < prev ? flow : 0);
        if (!positive.full()) {
            return Double.NaN;
        }
        double pos = 0;
        double neg = 0;
        for (int back = 0; back < positive.size(); back++) {
            pos += positive.get(back);
            neg += negative.get(back);
        }
        if (neg == 0) {
            return pos == 0 ? 50 : 100;
        }
        return 100 - 100 / (1 + pos / neg);
    }
}
