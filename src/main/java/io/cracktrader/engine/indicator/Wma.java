package io.cracktrader.engine.indicator;

/** Linearly weighted moving average: weights 1 (oldest) … period (newest), divided by their sum. */
public final class Wma {
    private final RollingWindow window;
    private final double weightSum;

    public Wma(int period) {
        this.window = new RollingWindow(period);
        this.weightSum = period * (period + 1) / 2.0;
    }

    public double update(double x) {
        window.add(x);
        if (!window.full()) {
            return Double.NaN;
        }
        int n = window.size();
        double sum = 0;
        for (int back = 0; back < n; back++) {
            sum += (n - back) * window.get(back);
        }
        return sum / weightSum;
    }
}
