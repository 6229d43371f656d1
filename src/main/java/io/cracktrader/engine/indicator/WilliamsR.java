package io.cracktrader.engine.indicator;

/**
 * Williams %R: −100 × (highest high − close) / (highest high − lowest low) over {@code period} bars,
 * which is the stochastic %K minus 100 (−50 when the range is zero).
 */
public final class WilliamsR {
    private final Stochastic stochastic;

    public WilliamsR(int period) {
        stochastic = new Stochastic(period, 1);
    }

    public double update(double high, double low, double close) {
        return stochastic.update(high, low, close) - 100;
    }
}
