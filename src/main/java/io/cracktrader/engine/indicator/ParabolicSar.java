package io.cracktrader.engine.indicator;

/**
 * Wilder's parabolic stop and reverse. Starts long at the first bar's low (short if the second bar
 * closes lower); the acceleration factor starts at {@code step}, grows by {@code step} at each new
 * extreme, up to {@code max}. The SAR never moves inside the previous two bars' range.
 */
public final class ParabolicSar {
    private final double step;
    private final double max;
    private boolean started;
    private boolean isLong;
    private double sar = Double.NaN;
    private double extreme;
    private double af;
    private double prevHigh;
    private double prevLow;
    private double prevHigh2;
    private double prevLow2;
    private long bars;

    public ParabolicSar(double step, double max) {
        this.step = step;
        this.max = max;
    }

    public double update(double high, double low) {
        bars++;
        if (bars == 1) {
            prevHigh = prevHigh2 = high;
            prevLow = prevLow2 = low;
            return Double.NaN;
        }
        if (!started) {
            started = true;
            isLong = high >= prevHigh;
            sar = isLong ? Math.min(low, prevLow) : Math.max(high, prevHigh);
            extreme = isLong ? Math.max(high, prevHigh) : Math.min(low, prevLow);
            af = step;
            shift(high, low);
            return sar;
        }
        double next = sar + af * (extreme - sar);
        if (isLong) {
            next = Math.min(next, Math.min(prevLow, prevLow2));
            if (low < next) {               // reversal to short
                isLong = false;
                next = extreme;
                extreme = low;
                af = step;
            } else if (high > extreme) {
                extreme = high;
                af = Math.min(max, af + step);
            }
        } else {
            next = Math.max(next, Math.max(prevHigh, prevHigh2));
            if (high > next) {              // reversal to long
                isLong = true;
                next = extreme;
                extreme = high;
                af = step;
            } else if (low < extreme) {
                extreme = low;
                af = Math.min(max, af + step);
            }
        }
        sar = next;
        shift(high, low);
        return sar;
    }

    private void shift(double high, double low) {
        prevHigh2 = prevHigh;
        prevLow2 = prevLow;
        prevHigh = high;
        prevLow = low;
    }

    public boolean isLong() {
        return isLong;
    }
}
