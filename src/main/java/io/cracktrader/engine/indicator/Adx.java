package io.cracktrader.engine.indicator;

/**
 * Wilder's directional movement: +DM (the up-move when it beats the down-move and is positive), −DM
 * likewise, and true range, Wilder-smoothed over {@code period};
 * +DI = 100 × sm(+DM) / sm(TR), −DI likewise; DX = 100 × |+DI − −DI| / (+DI + −DI); ADX = Wilder
 * average of DX.
 */
public final class Adx {
    private final TrueRange trueRange = new TrueRange();
    private final Ema plusDm;
    private final Ema minusDm;
    private final Ema range;
    private final Ema adx;
    private double previousHigh = Double.NaN;
    private double previousLow = Double.NaN;
    private double plusDi = Double.NaN;
    private double minusDi = Double.NaN;
    private double value = Double.NaN;

    public Adx(int period) {
        plusDm = Ema.wilder(period);
        minusDm = Ema.wilder(period);
        range = Ema.wilder(period);
        adx = Ema.wilder(period);
    }

    /** Returns ADX. */
    public double update(double high, double low, double close) {
        double tr = trueRange.update(high, low, close);
        if (Double.isNaN(previousHigh)) {
            previousHigh = high;
            previousLow = low;
            return Double.NaN;
        }
        double up = high - previousHigh;
        double down = previousLow - low;
        // Prices are decimals held in binary: moves equal in decimal can differ by a few ulps here.
        // Such a tie gives no directional movement, as it does in exact decimal arithmetic.
        double slack = 8 * Math.ulp(Math.max(Math.max(Math.abs(high), Math.abs(previousHigh)),
                Math.max(Math.abs(low), Math.abs(previousLow))));
        boolean tie = Math.abs(up - down) <= slack;
        previousHigh = high;
        previousLow = low;
        double p = plusDm.update(!tie && up > down && up > 0 ? up : 0);
        double m = minusDm.update(!tie && down > up && down > 0 ? down : 0);
        double r = range.update(tr);
        if (Double.isNaN(r)) {
            return Double.NaN;
        }
        plusDi = r == 0 ? 0 : 100 * p / r;
        minusDi = r == 0 ? 0 : 100 * m / r;
        double sum = plusDi + minusDi;
        value = adx.update(sum == 0 ? 0 : 100 * Math.abs(plusDi - minusDi) / sum);
        return value;
    }

    public double plusDi() {
        return plusDi;
    }

    public double minusDi() {
        return minusDi;
    }

    public double adx() {
        return value;
    }
}
