package io.cracktrader.engine.strategy;

import io.cracktrader.engine.broker.OrderGateway;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.indicator.Macd;

/**
 * Long only: buy when the MACD line crosses above its signal line, sell when it crosses below. As in
 * MovingAverageCross, a cross is a change of sign against the last non-zero difference.
 */
public final class MacdMomentum implements Strategy {
    private final Macd macd;
    private int lastSign;

    public MacdMomentum(int fast, int slow, int signal) {
        this.macd = new Macd(fast, slow, signal);
    }

    @Override
    public void onBar(BarSeries bars, int index, OrderGateway orders) {
        macd.update(bars.close(index));
        final double histogram = macd.histogram();
        if (Double.isNaN(histogram)) {
            return;
        }
        final int sign = histogram > 0 ? 1 : (histogram < 0 ? -1 : 0);
        if (sign == 0) {
            return;
        }
        if (lastSign != 0 && sign != lastSign) {
            if (sign > 0 && orders.position() == 0) {
                orders.enterLong();
            } else if (sign < 0 && orders.position() > 0) {
                orders.exitLong();
            }
        }
        lastSign = sign;
    }
}
