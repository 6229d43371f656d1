package io.cracktrader.engine.indicator;

/** Triple EMA: {@code 3 × E1 − 3 × E2 + E3} with E2 = EMA(E1), E3 = EMA(E2). */
public final class Tema {
    private final Ema e1;
    private final Ema e2;
    private final Ema e3;

    public Tema(int period) {
        e1 = new Ema(period);
        e2 = new Ema(period);
        e3 = new Ema(period);
    }

    public double update(double x) {
        double a = e1.update(x);
        if (Double.isNaN(a)) {
            return Double.NaN;
        }
        double b = e2.update(a);
        if (Double.isNaN(b)) {
            return Double.NaN;
        }
        double c = e3.update(b);
        return Double.isNaN(c) ? Double.NaN : 3 * a - 3 * b + c;
    }
}
