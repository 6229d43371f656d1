package io.cracktrader.engine.indicator;

/** Rolling volume-weighted average of the typical price (high + low + close) / 3 over {@code period} bars. */
public final class Vwap {
    private final ExactSum weighted = new ExactSum();
    private final ExactSum volumes = new ExactSum();
    private final RollingWindow prices;
    private final RollingWindow vols;

    public Vwap(int period) {
        prices = new RollingWindow(period);
        vols = new RollingWindow(period);
    }

    public double update(double high, double low, double close, double volume) {
        if (prices.full()) {
            weighted.add(-prices.get(prices.size() - 1) * vols.get(vols.size() - 1));
            volumes.add(-vols.get(vols.size() - 1));
        }
        double tp = (high + low + close) / 3;
        prices.add(tp);
        vols.add(volume);
        weighted.add(tp * volume);
        volumes.add(volume);
        if (!prices.full()) {
            return Double.NaN;
        }
        double v = volumes.value();
        return v == 0 ? tp : weighted.value() / v;
    }
}
