package io.cracktrader.engine.indicator;

/** Rate of change: 100 × (x − x[period ago]) / x[period ago]; {@link #momentum()} is the plain difference. */
public final class RateOfChange {
    private final RollingWindow window;
    private double momentum = Double.NaN;

    public RateOfChange(int period) {
        window = new RollingWindow(period + 1);
    }

    public double update(double x) {
        window.add(x);
        if (!window.full()) {
            return Double.NaN;
        }
        double old = window.get(window.size() - 1);
        momentum = x - old;
        return 100 * momentum / old;
    }

    public double momentum() {
        return momentum;
    }
}
