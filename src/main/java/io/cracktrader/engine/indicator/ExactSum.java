package io.cracktrader.engine.indicator;

/**
 * An exact running sum of doubles, rounded correctly only when read.
 *
 * <p>Prices sit on a decimal tick grid, so two moving averages are sometimes exactly equal. A plain
 * running sum ({@code sum += new - old}) drifts by an ulp or two and turns such a tie into a false
 * signal. This keeps the sum as Shewchuk's non-overlapping partials (the algorithm behind Python's
 * {@code math.fsum}) and rounds half-even on read, so {@link #value()} is the double nearest to the
 * exact sum of every value added so far. Removing a value is adding its negation.
 *
 * <p>Hand-written because no library offers an allocation-free exact sum: the partials live in a
 * fixed array. Non-overlapping partials of finite doubles never number more than about 40.
 */
public final class ExactSum {
    private static final int MAX_PARTIALS = 64;

    private final double[] partials = new double[MAX_PARTIALS];
    private int count;

    /** Adds {@code x}, which must be finite. */
    public void add(double x) {
        final double[] p = partials;
        int kept = 0;
        for (int j = 0; j < count; j++) {
            double y = p[j];
            if (Math.abs(x) < Math.abs(y)) {
                double t = x;
                x = y;
                y = t;
            }
            double hi = x + y;
            double lo = y - (hi - x);
            if (lo != 0.0) {
                p[kept++] = lo;
            }
            x = hi;
        }
        if (x != 0.0) {
            p[kept++] = x;
        }
        count = kept;
    }

    /** The exact sum rounded to the nearest double, ties to even. */
    public double value() {
        final double[] p = partials;
        int n = count;
        if (n == 0) {
            return 0.0;
        }
        double hi = p[--n];
        double lo = 0.0;
        while (n > 0) {
            double x = hi;
            double y = p[--n];
            hi = x + y;
            lo = y - (hi - x);
            if (lo != 0.0) {
                break;
            }
        }
        // Half-way case: the rest of the partials decide which way the rounding goes.
        if (n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0))) {
            double y = lo * 2.0;
            double x = hi + y;
            if (y == x - hi) {
                hi = x;
            }
        }
        return hi;
    }

    public void clear() {
        count = 0;
    }
}
