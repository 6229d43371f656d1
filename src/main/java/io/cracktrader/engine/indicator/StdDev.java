package io.cracktrader.engine.indicator;

/** Population standard deviation of the last {@code period} values (divides by n, as Bollinger did). */
public final class StdDev {
    private final RollingWindow window;
    private final Sma mean;

    public StdDev(int period) {
        window = new RollingWindow(period);
        mean = new Sma(period);
    }

    public double update(double x) {
        window.add(x);
        double m = mean.update(x);
        if (Double.isNaN(m)) {
            return Double.NaN;
        }
        double sum = 0;
        for (int back = 0; back < window.size(); back++) {
            double d = window.get(back) - m;
            sum += d * d;
        }
        return Math.sqrt(sum / window.size());
    }
}
